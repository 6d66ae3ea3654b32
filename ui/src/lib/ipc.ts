// The one module that talks to the Rust side (commands, the window).
// Every command goes through `call`, which turns a rejected invoke into an
// `IpcFailure` carrying the backend's stable `code`, so callers can branch.
// File dialogs open on the Rust side, which then lets the file commands use
// only the paths the editor picked there.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { getCurrentWindow } from "@tauri-apps/api/window";
import type { AppEvent } from "../bindings/AppEvent";
import type { StoryChange } from "../bindings/StoryChange";
import type { DeskStatus } from "../bindings/DeskStatus";
import type { Action } from "../bindings/Action";
import type { FieldEdit } from "../bindings/FieldEdit";
import type { ListRequest } from "../bindings/ListRequest";
import type { SaveKind } from "../bindings/SaveKind";
import type { Workflow } from "../bindings/Workflow";
import type { Article } from "../bindings/Article";
import type { OpenPurpose } from "../bindings/OpenPurpose";
import type { Outlet } from "../bindings/Outlet";
import type { Format } from "../bindings/Format";
import type { IpcError } from "../bindings/IpcError";
import type { Story } from "../bindings/Story";
import type { FindOptions } from "../bindings/FindOptions";
import type { Command, Commands } from "../bindings/Command";
import type { ErrorCode } from "../bindings/ErrorCode";
import type { WireFilter } from "../bindings/WireFilter";
import type { PullReport } from "../bindings/PullReport";

export class IpcFailure extends Error {
  readonly code: ErrorCode;
  constructor(e: IpcError) {
    super(e.message);
    this.code = e.code;
  }
}

function isIpcError(e: unknown): e is IpcError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

/** What command `C` answers (generated from its Rust signature). */
type Answer<C extends Command> = Commands[C]["result"];
type Args<C extends Command> = Commands[C]["args"];

// The arguments and the answer are the Rust function's (`Commands` is
// generated from the commands' source), so a call that passes the wrong
// arguments or expects another answer does not compile.
async function call<C extends Command>(
  command: C,
  ...args: Args<C> extends Record<string, never> ? [] : [Args<C>]
): Promise<Answer<C>> {
  try {
    return await invoke<Answer<C>>(command, args[0]);
  } catch (e) {
    throw new IpcFailure(isIpcError(e) ? e : { code: "ipc", message: String(e) });
  }
}

export const getStory = (id: number) => call("get_story", { id });
export const createStory = () => call("create_story");
export const duplicateStory = (id: number) => call("duplicate_story", { id });
export const deleteStory = (id: number) => call("delete_story", { id });
export const trashList = () => call("trash_list");
export const untrashStory = (id: number) => call("untrash_story", { id });
export const emptyTrash = () => call("empty_trash");
/** Opens story `id` for editing: the core keeps a copy while the window types. */
export const openStory = (id: number) => call("open_story", { id });
/** Replaces the core's copy (a structural edit, undo); the analysis as an update to `rev`. */
export const editStory = (id: number, rev: number | null, story: Story) =>
  call("edit_story", { id, rev, story });
/** Changes fields of the core's copy, all or none. */
export const editFields = (id: number, rev: number | null, edits: FieldEdit[]) =>
  call("edit_fields", { id, rev, edits });
export const editAnalysis = (id: number, rev: number | null) => call("edit_analysis", { id, rev });
/** Saves the core's copy as an edit from `version`; returns what the store set. */
export const saveWorking = (id: number, version: number, kind: SaveKind) =>
  call("save_working", { id, version, kind });
export const closeStory = (id: number) => call("close_story", { id });
/** Keeps an edit that lost a save conflict as a new draft (the core names it). */
export const keepAsCopy = (story: Story) => call("keep_as_copy", { story });
/** The establishment axis and the pairs used before, most used first. */
export const narrativePairs = () => call("narrative_pairs");
/** The story last open in this database, if it still exists. */
export const lastStory = () => call("last_story");
export const rememberStory = (id: number | null) => call("remember_story", { id });
export const importStoryText = (text: string) => call("import_story_text", { text });
export const importStoryFile = (path: string) => call("import_story_file", { path });
export const exportStory = (id: number, format: Format) => call("export_story", { id, format });
export const exportStoryFile = (id: number, format: Format, path: string, edition: string) =>
  call("export_story_file", { id, format, path, edition });
export const planExport = (ids: number[], format: Format, dir: string) =>
  call("plan_export", { ids, format, dir });
export const batchOffer = () => call("batch_offer");
export const exportFormats = () => call("export_formats");
export const exportChoices = (workflow: Workflow) => call("export_choices", { workflow });
export const suggestFileName = (headline: string, format: Format) =>
  call("suggest_file_name", { headline, format });
export const gateResults = (ids: number[]) => call("gate_results", { ids });
export const outletNames = (story: number | null = null) => call("outlet_names", { story });
export const listOutlets = () => call("list_outlets");
/** Saves an outlet; resolves with what the core says it did. An existing
 * name (in any case) under a new outlet is `outlet-exists`. */
export const saveOutlet = (previous: string | null, outlet: Outlet) =>
  call("save_outlet", { previous, outlet });
/** The registry's outlet of that name, as the core matches names. */
export const findOutlet = (name: string) => call("find_outlet", { name });
/** Puts the registry back as it was (undo). */
export const restoreOutlets = (outlets: Outlet[]) => call("restore_outlets", { outlets });
export const deleteOutlet = (name: string) => call("delete_outlet", { name });
export const importOutletsFile = (path: string) => call("import_outlets_file", { path });
export const exportOutletsFile = (path: string) => call("export_outlets_file", { path });
export const reviewStory = (story: Story) => call("review_story", { story });
export const readArticleText = (text: string) => call("read_article_text", { text });
export const readArticleFile = (path: string) => call("read_article_file", { path });
/** A source made from an article, as the core builds it. */
export const articleSource = (article: Article, outlet: string, url: string) =>
  call("article_source", { article, outlet, url });

/** Fetches a page and reads it into a source for `story` (nothing saved
 * yet); `token` names the fetch for `cancelFetch`. */
export const captureUrl = (story: Story, url: string, token: number) => call("capture_url", { story, url, token });
export const cancelFetch = (token: number) => call("cancel_fetch", { token });
/** Keeps the fetched page's snapshot once its source is in the story. */
export const keepCapture = (id: number, source: string) => call("keep_capture", { id, source });
export const sourceCaptures = (id: number) => call("source_captures", { id });
export const recheckSources = (id: number, token: number) => call("recheck_sources", { id, token });

export const transition = (id: number, version: number, action: Action, note: string) =>
  call("transition", { id, version, action, note });
export const workflowSteps = (workflow: Workflow, gatePasses: boolean) =>
  call("workflow_steps", { workflow, gatePasses });
export const storyHistory = (id: number) => call("story_history", { id });
export const storyAt = (id: number, version: number) => call("story_at", { id, version });
export const storyEdition = (id: number, number: number) => call("story_edition", { id, number });
export const diffStories = (old: Story, now: Story) => call("diff_stories", { old, new: now });
export const languageChoices = (current: string) => call("language_choices", { current });
export const setSpelling = (language: string) => call("set_spelling", { language });
export const findInStory = (story: Story, text: string, options: FindOptions) => call("find_in_story", { story, text, options });
export const replaceInStory = (story: Story, text: string, replacement: string, options: FindOptions) =>
  call("replace_in_story", { story, text, with: replacement, options });
export const restoreVersion = (id: number, version: number, expected: number) =>
  call("restore_version", { id, version, expected });
export const getSettings = () => call("get_settings");
export const auditLog = () => call("audit_log");
export const setEditorName = (name: string) => call("set_editor_name", { name });
export const setSecondEditorApproval = (on: boolean) => call("set_second_editor_approval", { on });
/** This editor's choice of the daily recheck of captured sources. */
export const setRecheckDaily = (on: boolean) => call("set_recheck_daily", { on });
/** The events of the last `hours` hours the filter keeps, with the wire's state. */
export const wireEvents = (hours: number, filter: WireFilter) => call("wire_events", { hours, filter });
/** Pulls every feed (conditionally); `token` lets `cancelFetch` stop it. */
export const pullFeeds = (token: number) => call("pull_feeds", { token });
export const listFeeds = () => call("list_feeds");
export const addFeed = (outlet: string, url: string) => call("add_feed", { outlet, url });
export const removeFeed = (url: string) => call("remove_feed", { url });
/** Starts a draft from an event with the chosen items (all when empty), capturing their pages. */
export const startFromEvent = (event: string, hours: number, items: string[], token: number) =>
  call("start_from_event", { event, hours, items, token });
/** This editor's minutes between pulls of the wire (0: only when asked). */
export const setWirePullMinutes = (minutes: number) => call("set_wire_pull_minutes", { minutes });
export const searchStories = (query: string, offset: number, limit: number) => call("search_stories", { query, offset, limit });
export const listPage = (request: ListRequest) => call("list_page", { request });
export const listCount = (request: ListRequest) => call("list_count", { request });
export const storyStates = () => call("story_states");
export const deskCoverage = (since: string, until: string, query: string | null) =>
  call("desk_coverage", { since, until, query });
export const startupNotices = () => call("startup_notices");
/** The list is drawn: the start's background work (integrity check, daily backup) may begin. */
export const windowDrawn = () => call("window_drawn");
export const listBackups = () => call("list_backups");
export const restoreBackup = (path: string) => call("restore_backup", { path });

/** Which database the window works on (a team database's address masked). */
export const deskInfo = () => call("desk_info");
/** Says this window is here, showing `story`; returns who else is. */
export const heartbeat = (story: number | null) => call("heartbeat", { story });
export const leaveDesk = () => call("leave_desk");
/** Saves the edits kept on this computer while the team database was away. */
export const replayJournal = () => call("replay_journal");
export const discardKeptEdit = (id: number) => call("discard_kept_edit", { id });
/** Checks and remembers a team database (empty url: this computer's file). */
export const chooseTeamDatabase = (url: string, password: string) =>
  call("choose_team_database", { url, password });
export const restartApp = () => call("restart_app");

type EventName = AppEvent["event"];
/** The payload of event `E`, as the Rust side sends it (generated). */
type Payload<E extends EventName> = Extract<AppEvent, { event: E }>["payload"];
const on = <E extends EventName>(event: E, f: (payload: Payload<E>) => void): Promise<UnlistenFn> =>
  listen<Payload<E>>(event, (e) => f(e.payload));

/** Calls `f` with colleagues' changes as the team database announces them. */
export const onDeskChanged = (f: (changes: StoryChange[]) => void) => on("desk-changed", f);
/** Calls `f` when the desk's feeds were pulled (by the timer or a person). */
export const onWirePulled = (f: (report: PullReport) => void) => on("wire-pulled", f);
/** Calls `f` when the team database goes away or comes back. */
export const onDeskStatus = (f: (status: DeskStatus) => void) => on("desk-status", f);

/** Asks for a file to open; null when the editor cancels. */
export const chooseFile = (purpose: OpenPurpose) => call("choose_open_file", { purpose });

/** Asks for a folder; null when the editor cancels. */
export const chooseFolder = () => call("choose_folder");

/** Asks for a story file to import; null when the editor cancels. */
export const chooseImportFile = () => chooseFile("story");

/** Asks where to export; null when the editor cancels. */
export const chooseExportPath = (suggested: string, extension: string) =>
  call("choose_save_file", { suggested, extension });

/** Runs `flush` before the window closes, so pending edits are saved. */
export async function beforeWindowCloses(flush: () => Promise<void>): Promise<void> {
  await getCurrentWindow().onCloseRequested(async () => {
    await flush();
  });
}
