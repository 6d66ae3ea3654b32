//! The TypeScript signature of every command, read from the commands'
//! Rust source (test only): each command's arguments, named as `invoke`
//! takes them (camelCase), and what it answers, in the types ts-rs
//! generates. `ui/src/bindings/Command.ts` is written from it, so the
//! window's calls are checked against the Rust functions, not copies of them.
//!
//! Arguments Tauri supplies itself (the state, the app handle, the window)
//! are left out; a `Result<T, IpcError>` answers `T` (the error is the
//! `IpcFailure` every call may throw). A type the table below does not know
//! must have a ts-rs binding of its name, or generation fails naming it.

use std::collections::BTreeSet;
use std::path::Path;
use syn::{FnArg, GenericArgument, Item, Pat, PathArguments, ReturnType, Type};

/// One command's signature in TypeScript.
pub struct Signature {
    pub name: String,
    /// `(name, type)` in the order of the Rust parameters.
    pub args: Vec<(String, String)>,
    pub result: String,
    /// How many statements its body has, and the body's tokens as text:
    /// what the thin-adapter test looks at.
    pub statements: usize,
    pub body: String,
}

/// What a command's body may not name: the store and the engines under it
/// belong to the core's desk, which every command goes through.
pub const BELOW_THE_DESK: [&str; 5] = ["Store", "rusqlite", "postgres", "std :: fs", "store ()"];

/// The most statements a command's body may have: it unpacks, calls the
/// desk (or a dialog, which only the app has) and answers.
pub const MOST_STATEMENTS: usize = 4;

/// Parameters Tauri fills in, by the last segment of their type.
const INJECTED: [&str; 4] = ["State", "AppHandle", "Window", "WebviewWindow"];

/// Every `#[tauri::command]` function in the `.rs` files of `dir`, with the
/// binding types its signature uses.
pub fn read(dir: &Path) -> Result<(Vec<Signature>, BTreeSet<String>), String> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    files.sort();
    let mut found = Vec::new();
    let mut used = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let parsed = syn::parse_file(&text).map_err(|e| format!("{}: {e}", file.display()))?;
        for item in parsed.items {
            let Item::Fn(f) = item else { continue };
            if !f.attrs.iter().any(|a| is_command_attribute(a.path())) {
                continue;
            }
            let name = f.sig.ident.to_string();
            let statements = f.block.stmts.len();
            let body = quote::ToTokens::to_token_stream(&f.block).to_string();
            let at = |e: String| format!("{} in {}: {e}", name, file.display());
            let mut args = Vec::new();
            for input in &f.sig.inputs {
                let FnArg::Typed(arg) = input else {
                    return Err(at("a command takes no `self`".into()));
                };
                if INJECTED.contains(&last_segment(&arg.ty).as_str()) {
                    continue;
                }
                let Pat::Ident(ident) = &*arg.pat else {
                    return Err(at("an argument must be a plain name".into()));
                };
                let ty = typescript(&arg.ty, &mut used).map_err(at)?;
                args.push((camel_case(&ident.ident.to_string()), ty));
            }
            let result = match &f.sig.output {
                ReturnType::Default => "null".to_string(),
                ReturnType::Type(_, ty) => match ok_type(ty) {
                    Some(ok) => typescript(ok, &mut used),
                    None => typescript(ty, &mut used),
                }
                .map_err(at)?,
            };
            found.push(Signature {
                name,
                args,
                result,
                statements,
                body,
            });
        }
    }
    Ok((found, used))
}

fn is_command_attribute(path: &syn::Path) -> bool {
    let names: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    names == ["tauri", "command"] || names == ["command"]
}

fn last_segment(ty: &Type) -> String {
    match ty {
        Type::Path(p) => p
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default(),
        Type::Reference(r) => last_segment(&r.elem),
        _ => String::new(),
    }
}

/// `T` of a `Result<T, _>`.
fn ok_type(ty: &Type) -> Option<&Type> {
    match ty {
        Type::Path(p) if last_segment(ty) == "Result" => generic(p.path.segments.last()?).first().copied(),
        _ => None,
    }
}

fn generic(segment: &syn::PathSegment) -> Vec<&Type> {
    match &segment.arguments {
        PathArguments::AngleBracketed(a) => a
            .args
            .iter()
            .filter_map(|g| match g {
                GenericArgument::Type(t) => Some(t),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The TypeScript for a Rust type as serde sends it.
fn typescript(ty: &Type, used: &mut BTreeSet<String>) -> Result<String, String> {
    let path = match ty {
        Type::Tuple(t) if t.elems.is_empty() => return Ok("null".into()),
        Type::Reference(r) => return typescript(&r.elem, used),
        Type::Path(p) => &p.path,
        _ => return Err(format!("no TypeScript for `{}`", quote_type(ty))),
    };
    let Some(segment) = path.segments.last() else {
        return Err("an empty type path".into());
    };
    let name = segment.ident.to_string();
    let inner = generic(segment);
    let one = |what: &str| match inner.as_slice() {
        [t] => Ok(*t),
        _ => Err(format!("`{what}` takes one type")),
    };
    Ok(match name.as_str() {
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "isize" | "f32" | "f64" => {
            "number".into()
        }
        // An alias of i64 (checked by the test that writes the file).
        "StoryId" => "number".into(),
        "String" | "str" | "PathBuf" | "Path" => "string".into(),
        "bool" => "boolean".into(),
        "Option" => format!("{} | null", typescript(one("Option")?, used)?),
        "Vec" => format!("Array<{}>", typescript(one("Vec")?, used)?),
        _ if inner.is_empty() => {
            used.insert(name.clone());
            name
        }
        _ => return Err(format!("no TypeScript for the generic `{name}`")),
    })
}

fn quote_type(ty: &Type) -> String {
    use quote::ToTokens;
    ty.to_token_stream().to_string()
}

/// `gate_passes` → `gatePasses`, as Tauri names command arguments.
fn camel_case(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        match c {
            '_' => upper = !out.is_empty(),
            c if upper => {
                out.extend(c.to_uppercase());
                upper = false;
            }
            c => out.push(c),
        }
    }
    out
}

/// `Command.ts`: the commands' names and, per command, its signature, in
/// the order of `names`.
pub fn typescript_file(
    names: &[&str],
    signatures: &[Signature],
    used: &BTreeSet<String>,
) -> Result<String, String> {
    let mut out =
        String::from("// Generated from src-tauri/src/commands by a test. Do not edit this file manually.\n");
    for t in used {
        out.push_str(&format!("import type {{ {t} }} from \"./{t}\";\n"));
    }
    out.push_str("\n/** Every command the window may call. */\nexport type Command = keyof Commands;\n");
    out.push_str(
        "\n/** Each command's arguments, as `invoke` names them, and what it answers. */\nexport type Commands = {\n",
    );
    for name in names {
        let s = signatures
            .iter()
            .find(|s| s.name == *name)
            .ok_or_else(|| format!("the command `{name}` has no #[tauri::command] function in commands/"))?;
        let args = if s.args.is_empty() {
            "Record<string, never>".to_string()
        } else {
            let fields: Vec<String> = s.args.iter().map(|(n, t)| format!("{n}: {t}")).collect();
            format!("{{ {} }}", fields.join("; "))
        };
        out.push_str(&format!("  {name}: {{ args: {args}; result: {} }};\n", s.result));
    }
    out.push_str("};\n");
    Ok(out)
}

/// Why the command `s` is more than a thin adapter over the desk, if it is.
pub fn thickness(s: &Signature) -> Option<String> {
    if s.statements > MOST_STATEMENTS {
        return Some(format!(
            "`{}` has {} statements (at most {MOST_STATEMENTS}): move its logic into factdesk_core::desk",
            s.name, s.statements
        ));
    }
    BELOW_THE_DESK
        .iter()
        .find(|word| s.body.contains(*word))
        .map(|word| {
            format!(
                "`{}` names `{word}`: commands go through the desk, not the store",
                s.name
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_is_a_thin_adapter_over_the_desk() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/src/commands");
        let (signatures, _) = read(&dir).unwrap();
        assert!(signatures.len() > 50, "the commands were read");
        let thick: Vec<String> = signatures.iter().filter_map(thickness).collect();
        assert!(thick.is_empty(), "{thick:#?}");
    }

    #[test]
    fn a_command_that_reaches_past_the_desk_or_grows_is_named() {
        let dir = tempfile::TempDir::new().unwrap();
        std::fs::write(
            dir.path().join("x.rs"),
            "#[tauri::command]\npub fn direct(state: State<'_, AppState>) -> u32 { let s = Store::open_read(p); s.count() }\n\
             #[tauri::command]\npub fn long() -> u32 { let a = 1; let b = 2; let c = 3; let d = 4; a + b + c + d }\n\
             #[tauri::command]\npub fn thin(state: State<'_, AppState>) -> u32 { state.desk().count() }\n",
        )
        .unwrap();
        let (signatures, _) = read(dir.path()).unwrap();
        let found: Vec<Option<String>> = signatures.iter().map(thickness).collect();
        assert!(found[0].as_ref().unwrap().contains("`Store`"), "{found:?}");
        assert!(found[1].as_ref().unwrap().contains("5 statements"), "{found:?}");
        assert_eq!(found[2], None);
    }

    fn ts(rust: &str) -> Result<String, String> {
        typescript(&syn::parse_str::<Type>(rust).unwrap(), &mut BTreeSet::new())
    }

    #[test]
    fn rust_types_read_as_serde_sends_them() {
        assert_eq!(ts("Option<Vec<StoryId>>").unwrap(), "Array<number> | null");
        assert_eq!(ts("&str").unwrap(), "string");
        assert_eq!(ts("std::path::PathBuf").unwrap(), "string");
        assert_eq!(ts("()").unwrap(), "null");
        assert_eq!(ts("factdesk_core::model::Story").unwrap(), "Story");
        assert!(ts("HashMap<String, u32>").unwrap_err().contains("HashMap"));
        assert!(ts("(u32, u32)").unwrap_err().contains("u32"));
    }

    #[test]
    fn argument_names_are_camel_case_as_tauri_takes_them() {
        assert_eq!(camel_case("gate_passes"), "gatePasses");
        assert_eq!(camel_case("id"), "id");
        assert_eq!(camel_case("a_b_c"), "aBC");
    }

    #[test]
    fn a_signature_leaves_out_what_tauri_supplies_and_unwraps_the_result() {
        let dir = tempfile::TempDir::new().unwrap();
        std::fs::write(
            dir.path().join("x.rs"),
            "#[tauri::command]\npub async fn save(app: tauri::AppHandle, state: State<'_, AppState>, \
             mut gate_passes: bool, ids: Vec<StoryId>) -> Result<Option<Saved>, IpcError> { todo!() }\n\
             pub fn helper(x: u32) -> u32 { x }\n",
        )
        .unwrap();
        let (signatures, used) = read(dir.path()).unwrap();
        assert_eq!(signatures.len(), 1, "only commands");
        let s = &signatures[0];
        assert_eq!(s.name, "save");
        assert_eq!(
            s.args,
            [
                ("gatePasses".to_string(), "boolean".to_string()),
                ("ids".to_string(), "Array<number>".to_string())
            ]
        );
        assert_eq!(s.result, "Saved | null");
        assert_eq!(used.into_iter().collect::<Vec<_>>(), ["Saved"]);
        let file = typescript_file(&["save"], &signatures, &BTreeSet::from(["Saved".to_string()])).unwrap();
        assert!(file.contains(
            "  save: { args: { gatePasses: boolean; ids: Array<number> }; result: Saved | null };"
        ));
        assert!(typescript_file(&["gone"], &signatures, &BTreeSet::new())
            .unwrap_err()
            .contains("gone"));
    }
}
