//! The outlet registry on a real file: a name taken in any case is refused
//! rather than overwritten, the outlet holding it is found as the registry
//! matches names, a rename cannot take another outlet's name, and an
//! earlier state can be put back whole (the window's undo).

mod common;

use common::{Backend, Desk};
use factdesk_core::model::Outlet;

fn outlet(name: &str, lr: Option<u8>, domains: &[&str]) -> Outlet {
    Outlet {
        name: name.into(),
        aliases: vec![],
        domains: domains.iter().map(|d| d.to_string()).collect(),
        lr,
        cp: Some(3),
        notes: String::new(),
    }
}

fn adding_an_existing_name_in_another_case_is_refused_and_changes_nothing(backend: Backend) {
    let desk = Desk::new(backend);
    let mut store = desk.open();
    let guardian = outlet("The Guardian", Some(2), &["theguardian.com"]);
    assert_eq!(store.save_outlet(None, &guardian).unwrap(), None);
    let err = store
        .save_outlet(None, &outlet("the guardian", Some(5), &[]))
        .unwrap_err();
    assert_eq!(err.code(), "outlet-exists");
    assert!(err.to_string().contains("\"The Guardian\""), "{err}");
    assert_eq!(store.outlets().unwrap(), vec![guardian.clone()]);
    assert_eq!(
        store.find_outlet("  THE guardian ").unwrap(),
        Some(guardian.clone())
    );
    assert_eq!(store.find_outlet("Guardian").unwrap(), None);
}

fn outlets_are_stored_tidied(backend: Backend) {
    let desk = Desk::new(backend);
    let mut store = desk.open();
    let mut messy = outlet("  BBC   News ", Some(3), &[" WWW.BBC.co.uk ", "", "bbc.com"]);
    messy.aliases = vec![" BBC ".into(), " ".into()];
    store.save_outlet(None, &messy).unwrap();
    let saved = store.outlets().unwrap().remove(0);
    assert_eq!(saved.name, "BBC News");
    assert_eq!(saved.aliases, ["BBC"]);
    assert_eq!(saved.domains, ["bbc.co.uk", "bbc.com"]);
}

fn edits_return_what_they_replaced_and_renames_cannot_take_a_name(backend: Backend) {
    let desk = Desk::new(backend);
    let mut store = desk.open();
    let a = outlet("Alpha", Some(1), &[]);
    let b = outlet("Beta", Some(2), &[]);
    store.save_outlet(None, &a).unwrap();
    store.save_outlet(None, &b).unwrap();
    let edited = outlet("Alpha Daily", Some(4), &["alpha.example"]);
    assert_eq!(
        store.save_outlet(Some("Alpha"), &edited).unwrap(),
        Some(a.clone())
    );
    let err = store
        .save_outlet(Some("Alpha Daily"), &outlet("BETA", None, &[]))
        .unwrap_err();
    assert_eq!(err.code(), "outlet-exists");
    let names: Vec<String> = store.outlets().unwrap().into_iter().map(|o| o.name).collect();
    assert_eq!(names, ["Alpha Daily", "Beta"]);
}

fn an_earlier_registry_is_put_back_whole(backend: Backend) {
    let desk = Desk::new(backend);
    let mut store = desk.open();
    store.save_outlet(None, &outlet("Alpha", Some(1), &[])).unwrap();
    let before = store.outlets().unwrap();
    store.save_outlet(None, &outlet("Beta", Some(2), &[])).unwrap();
    store.delete_outlet("alpha").unwrap();
    store.replace_outlets(&before).unwrap();
    drop(store);
    assert_eq!(desk.open_read().outlets().unwrap(), before);
}

both!(
    adding_an_existing_name_in_another_case_is_refused_and_changes_nothing,
    outlets_are_stored_tidied,
    edits_return_what_they_replaced_and_renames_cannot_take_a_name,
    an_earlier_registry_is_put_back_whole,
);
