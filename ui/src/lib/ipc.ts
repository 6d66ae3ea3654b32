// The one module that talks to the Rust side (commands, the window).
// Every command goes through `call`, which turns a rejected invoke into an
// `IpcFailure` carrying the backend's stable `code`, so callers can branch.
// File dialogs open on the Rust side, which then lets the file commands use
// only the paths the editor picked there.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { getCurrentWindow } from "@tauri-apps/api/window";
import type { StoryChange } from "../bindings/StoryChange";
import type { DeskInfo } from "../bindings/DeskInfo";
import type { DeskStatus } from "../bindings/DeskStatus";
import type { Presence } from "../bindings/Presence";
import type { Replayed } from "../bindings/Replayed";
import type { Action } from "../bindings/Action";
import type { AnalysisUpdate } from "../bindings/AnalysisUpdate";
import type { FieldEdit } from "../bindings/FieldEdit";
import type { Opened } from "../bindings/Opened";
import type { Saved } from "../bindings/Saved";
import type { Coverage } from "../bindings/Coverage";
import type { History } from "../bindings/History";
import type { ListPage } from "../bindings/ListPage";
import type { ListRequest } from "../bindings/ListRequest";
import type { SearchHit } from "../bindings/SearchHit";
import type { StateOption } from "../bindings/StateOption";
import type { Imported } from "../bindings/Imported";
import type { SaveKind } from "../bindings/SaveKind";
import type { Settings } from "../bindings/Settings";
import type { Step } from "../bindings/Step";
import type { StoryDiff } from "../bindings/StoryDiff";
import type { Workflow } from "../bindings/Workflow";
import type { Article } from "../bindings/Article";
import type { Backup } from "../bindings/Backup";
import type { OpenPurpose } from "../bindings/OpenPurpose";
import type { Outlet } from "../bindings/Outlet";
import type { Planned } from "../bindings/Planned";
import type { Review } from "../bindings/Review";
import type { Format } from "../bindings/Format";
import type { IpcError } from "../bindings/IpcError";
import type { Story } from "../bindings/Story";
import type { StoredStory } from "../bindings/StoredStory";
import type { Command } from "../bindings/Command";
import type { ErrorCode } from "../bindings/ErrorCode";
import type { FormatInfo } from "../bindings/FormatInfo";
import type { GateResult } from "../bindings/GateResult";
import type { NarrativeAxes } from "../bindings/NarrativeAxes";
import type { Source } from "../bindings/Source";

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

async function call<T>(command: Command, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw new IpcFailure(isIpcError(e) ? e : { code: "ipc", message: String(e) });
  }
}

export const getStory = (id: number) => call<StoredStory>("get_story", { id });
export const createStory = () => call<StoredStory>("create_story");
export const restoreStory = (story: Story) => call<StoredStory>("restore_story", { story });
export const duplicateStory = (id: number) => call<StoredStory>("duplicate_story", { id });
export const deleteStory = (id: number) => call<Story>("delete_story", { id });
/** Opens story `id` for editing: the core keeps a copy while the window types. */
export const openStory = (id: number) => call<Opened>("open_story", { id });
/** Replaces the core's copy (a structural edit, undo); the analysis as an update to `rev`. */
export const editStory = (id: number, rev: number | null, story: Story) =>
  call<AnalysisUpdate>("edit_story", { id, rev, story });
/** Changes fields of the core's copy, all or none. */
export const editFields = (id: number, rev: number | null, edits: FieldEdit[]) =>
  call<AnalysisUpdate>("edit_fields", { id, rev, edits });
export const editAnalysis = (id: number, rev: number | null) => call<AnalysisUpdate>("edit_analysis", { id, rev });
/** Saves the core's copy as an edit from `version`; returns what the store set. */
export const saveWorking = (id: number, version: number, kind: SaveKind) =>
  call<Saved>("save_working", { id, version, kind });
export const closeStory = (id: number) => call<void>("close_story", { id });
/** Keeps an edit that lost a save conflict as a new draft (the core names it). */
export const keepAsCopy = (story: Story) => call<StoredStory>("keep_as_copy", { story });
/** The establishment axis and the pairs used before, most used first. */
export const narrativePairs = () => call<NarrativeAxes>("narrative_pairs");
/** The story last open in this database, if it still exists. */
export const lastStory = () => call<number | null>("last_story");
export const rememberStory = (id: number | null) => call<void>("remember_story", { id });
export const importStoryText = (text: string) => call<Imported>("import_story_text", { text });
export const importStoryFile = (path: string) => call<Imported>("import_story_file", { path });
export const exportStory = (id: number, format: Format) => call<string>("export_story", { id, format });
export const exportStoryFile = (id: number, format: Format, path: string) =>
  call<void>("export_story_file", { id, format, path });
export const planExport = (ids: number[], format: Format, dir: string) =>
  call<Planned[]>("plan_export", { ids, format, dir });
export const exportFormats = () => call<FormatInfo[]>("export_formats");
export const suggestFileName = (headline: string, format: Format) =>
  call<string>("suggest_file_name", { headline, format });
export const gateResults = (ids: number[]) => call<GateResult[]>("gate_results", { ids });
export const outletNames = () => call<string[]>("outlet_names");
export const listOutlets = () => call<Outlet[]>("list_outlets");
/** Saves an outlet; returns what it replaced (for undo), if anything. An
 * existing name (in any case) under a new outlet is `outlet-exists`. */
export const saveOutlet = (previous: string | null, outlet: Outlet) =>
  call<Outlet | null>("save_outlet", { previous, outlet });
/** The registry's outlet of that name, as the core matches names. */
export const findOutlet = (name: string) => call<Outlet | null>("find_outlet", { name });
/** Puts the registry back as it was (undo). */
export const restoreOutlets = (outlets: Outlet[]) => call<void>("restore_outlets", { outlets });
export const deleteOutlet = (name: string) => call<void>("delete_outlet", { name });
export const importOutletsFile = (path: string) => call<number>("import_outlets_file", { path });
export const exportOutletsFile = (path: string) => call<void>("export_outlets_file", { path });
export const reviewStory = (story: Story) => call<Review>("review_story", { story });
export const readArticleText = (text: string) => call<Article>("read_article_text", { text });
export const readArticleFile = (path: string) => call<Article>("read_article_file", { path });
/** A source made from an article, as the core builds it. */
export const articleSource = (article: Article, outlet: string, url: string) =>
  call<Source>("article_source", { article, outlet, url });

export const transition = (id: number, version: number, action: Action, note: string) =>
  call<Saved>("transition", { id, version, action, note });
export const workflowSteps = (workflow: Workflow, gatePasses: boolean) =>
  call<Step[]>("workflow_steps", { workflow, gatePasses });
export const storyHistory = (id: number) => call<History>("story_history", { id });
export const storyAt = (id: number, version: number) => call<Story>("story_at", { id, version });
export const storyEdition = (id: number, number: number) => call<Story>("story_edition", { id, number });
export const diffStories = (old: Story, now: Story) => call<StoryDiff>("diff_stories", { old, new: now });
export const restoreVersion = (id: number, version: number, expected: number) =>
  call<StoredStory>("restore_version", { id, version, expected });
export const getSettings = () => call<Settings>("get_settings");
export const setEditorName = (name: string) => call<Settings>("set_editor_name", { name });
export const setSecondEditorApproval = (on: boolean) => call<Settings>("set_second_editor_approval", { on });
export const searchStories = (query: string, limit: number) => call<SearchHit[]>("search_stories", { query, limit });
export const listPage = (request: ListRequest) => call<ListPage>("list_page", { request });
export const listCount = (request: ListRequest) => call<number>("list_count", { request });
export const storyStates = () => call<StateOption[]>("story_states");
export const deskCoverage = (since: string, until: string, query: string | null) =>
  call<Coverage>("desk_coverage", { since, until, query });
export const startupNotices = () => call<string[]>("startup_notices");
export const listBackups = () => call<Backup[]>("list_backups");
export const restoreBackup = (path: string) => call<string>("restore_backup", { path });

/** Which database the window works on (a team database's address masked). */
export const deskInfo = () => call<DeskInfo>("desk_info");
/** Says this window is here, showing `story`; returns who else is. */
export const heartbeat = (story: number | null) => call<Presence[]>("heartbeat", { story });
export const leaveDesk = () => call<void>("leave_desk");
/** Saves the edits kept on this computer while the team database was away. */
export const replayJournal = () => call<Replayed[]>("replay_journal");
/** Checks and remembers a team database (empty url: this computer's file). */
export const chooseTeamDatabase = (url: string, password: string) =>
  call<DeskInfo>("choose_team_database", { url, password });
export const restartApp = () => call<void>("restart_app");

/** Calls `f` with colleagues' changes as the team database announces them. */
export const onDeskChanged = (f: (changes: StoryChange[]) => void): Promise<UnlistenFn> =>
  listen<StoryChange[]>("desk-changed", (e) => f(e.payload));
/** Calls `f` when the team database goes away or comes back. */
export const onDeskStatus = (f: (status: DeskStatus) => void): Promise<UnlistenFn> =>
  listen<DeskStatus>("desk-status", (e) => f(e.payload));

/** Asks for a file to open; null when the editor cancels. */
export const chooseFile = (purpose: OpenPurpose) => call<string | null>("choose_open_file", { purpose });

/** Asks for a folder; null when the editor cancels. */
export const chooseFolder = () => call<string | null>("choose_folder");

/** Asks for a story file to import; null when the editor cancels. */
export const chooseImportFile = () => chooseFile("story");

/** Asks where to export; null when the editor cancels. */
export const chooseExportPath = (suggested: string, extension: string) =>
  call<string | null>("choose_save_file", { suggested, extension });

/** Runs `flush` before the window closes, so pending edits are saved. */
export async function beforeWindowCloses(flush: () => Promise<void>): Promise<void> {
  await getCurrentWindow().onCloseRequested(async () => {
    await flush();
  });
}
