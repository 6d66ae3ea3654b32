// The open story's editing session: the reactive story, undo/redo, the live
// analysis from the core, the workflow (what the next transition needs, from
// the core), and autosave (debounced while typing, at once on blur or Ctrl+S,
// before the window closes; each save says which it was). A save that loses
// the race to another window is never retried over it: the editor chooses to
// reload or to keep this text as a copy. Only a draft is editable: an
// edition in review or approved is read-only, and editing a published story
// starts its next edition (the core decides; the editor shows what it says).
// The editing operations live here too, each one undo step; new items get
// their ids from `crypto.randomUUID()` (the core keeps any valid UUID).
// The core keeps a copy of the story being edited: a keystroke sends the
// field it changed, a structural edit or undo the whole story, a save only
// asks the core to store its copy; the analysis comes back as a JSON Patch
// to the one held here. Calls to the core go one at a time, in order, so
// its copy is always this one as of some moment.
import type { Action } from "../bindings/Action";
import type { Article } from "../bindings/Article";
import type { Capture } from "../bindings/Capture";
import type { SourceCaptures } from "../bindings/SourceCaptures";
import type { NarrativePair } from "../bindings/NarrativePair";
import type { Analysis } from "../bindings/Analysis";
import type { SaveKind } from "../bindings/SaveKind";
import type { Step } from "../bindings/Step";
import type { AnalysisUpdate } from "../bindings/AnalysisUpdate";
import type { Saved } from "../bindings/Saved";
import type { Story } from "../bindings/Story";
import { STORE_FIELDS, type FieldKey } from "../bindings/FieldKey";
import type { StoredStory } from "../bindings/StoredStory";
import type { Workflow } from "../bindings/Workflow";
import { applyPatch, type Operation } from "fast-json-patch";
import { timeOnly } from "./format";
import { History } from "./history";
import * as ipc from "./ipc";
import * as ops from "./storyOps";
import { slot } from "./fields";
import { fieldId } from "./targets";

export type SaveState = "saved" | "pending" | "saving" | "conflict" | "offline" | "error";

const SAVE_DELAY_MS = 700;
/** How often a save is tried again while the team database is away. */
const OFFLINE_RETRY_MS = 3000;
const SYNC_DELAY_MS = 80;

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export class Editor {
  id: number;
  version = $state(0);
  story: Story = $state() as Story;
  status = $state<Story["status"]>("draft");
  workflow: Workflow = $state() as Workflow;
  /** The core's name for the story's state ("Published with a draft"). */
  stateLabel = $state("");
  /** The transitions the core offers now, with what each needs. */
  steps: Step[] = $state([]);
  analysis: Analysis | null = $state(null);
  /** The captured sources' dates and changes (null until asked). */
  captures: SourceCaptures | null = $state(null);
  saveState: SaveState = $state("saved");
  /** hh:mm:ss of the last successful save. */
  savedAt: string | null = $state(null);
  problem = $state("");
  /** Who saved the story elsewhere, when that made this editor's save a conflict. */
  changedBy = $state("");
  /** The core's words for a save that lost to another one (who saved, and
   * that nothing was overwritten); empty when a colleague's announced
   * save made the conflict (`changedBy` names them). */
  conflictMessage = $state("");
  canUndo = $state(false);
  canRedo = $state(false);

  private history: History<Story>;
  /** The story as of the last change, kept apart from the reactive one: a
   * keystroke that continues a typing step copies its one value here, and
   * the undo snapshot is taken from it only when a new step starts. */
  private baseline: Story;
  /** Whether the history's current state lags behind `baseline`. */
  private stale = false;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private syncTimer: ReturnType<typeof setTimeout> | undefined;
  /** The number of the analysis held here (null: none yet). */
  private rev: number | null = null;
  /** Edits the core has not seen: changed fields by edit key, or the whole story. */
  private pendingFields: Record<string, unknown> = {};
  private pendingWhole = false;
  private pendingAnalysis = false;
  /** The calls to the core, one after another. */
  private queue: Promise<unknown> = Promise.resolve();
  private inFlight: Promise<void> | null = null;
  private dirty = false;
  private stepsSeq = 0;

  /** `opened`: the core's first analysis when it opened the story for
   * editing; without it the editor sends the story to the core first. */
  constructor(
    stored: StoredStory,
    private readonly onSaved: (saved: Saved) => void = () => {},
    opened?: AnalysisUpdate,
  ) {
    this.id = stored.id;
    this.version = stored.version;
    this.story = clone(stored.story);
    this.status = stored.story.status;
    this.workflow = stored.workflow;
    this.stateLabel = stored.state_label;
    this.history = new History(clone(stored.story));
    this.baseline = clone(stored.story);
    if (opened) {
      this.take(opened);
    } else {
      this.pendingWhole = true;
      this.syncSoon(0);
    }
  }

  /** Whether the story may be edited now, as the core says. */
  get editable(): boolean {
    return this.workflow.editable;
  }

  /** Call after any change to `story`; `key` groups typing into one undo step.
   * A keystroke continuing the step copies one value, whatever the story's
   * size; the story is copied when a step starts (and for undo). */
  changed(key: FieldKey | `op:${string}`): void {
    if (!this.editable) return;
    const live = slot(this.story, key);
    const kept = slot(this.baseline, key);
    if (live && kept && this.history.coalesces(key)) {
      kept.obj[kept.prop] = live.obj[live.prop];
      this.history.touch(key);
      this.stale = true;
      this.pendingFields[key] = live.obj[live.prop];
    } else {
      this.catchUp();
      const now = $state.snapshot(this.story) as Story;
      this.history.record(now, key);
      this.baseline = clone(now);
      if (live) this.pendingFields[key] = live.obj[live.prop];
      else this.pendingWhole = true;
    }
    this.syncHistoryFlags();
    this.markDirty();
  }

  /** Brings the history's current state up to the baseline (the state
   * before whatever changes the story next). */
  private catchUp(): void {
    if (!this.stale) return;
    this.history.replaceCurrent(clone(this.baseline));
    this.stale = false;
  }

  /** Applies a structural edit as its own undo step. */
  apply(edit: (story: Story) => void, label: string): void {
    if (!this.editable) return;
    edit(this.story);
    this.changed(`op:${label}`);
  }

  undo(): void {
    if (!this.editable) return;
    this.catchUp();
    const previous = this.history.undo();
    if (previous) this.replace(previous);
  }

  redo(): void {
    if (!this.editable) return;
    const next = this.history.redo();
    if (next) this.replace(next);
  }

  private replace(story: Story): void {
    this.story = clone(story);
    this.pendingWhole = true;
    this.baseline = clone(story);
    this.syncHistoryFlags();
    this.markDirty();
  }

  private syncHistoryFlags(): void {
    this.canUndo = this.history.canUndo;
    this.canRedo = this.history.canRedo;
  }

  private markDirty(): void {
    this.dirty = true;
    if (this.saveState !== "conflict") this.saveState = "pending";
    this.syncSoon(SYNC_DELAY_MS);
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.flush("typing"), SAVE_DELAY_MS);
  }

  /** Re-runs the checks now (the registry changed under the story). */
  refreshAnalysis(): void {
    this.pendingAnalysis = true;
    this.syncSoon(0);
  }

  /** Throttled, not debounced: while the editor types, edits still reach
   * the core (and the checks run) every few keystrokes. */
  private syncSoon(delay: number): void {
    if (this.syncTimer !== undefined && delay > 0) return;
    clearTimeout(this.syncTimer);
    this.syncTimer = setTimeout(() => {
      this.syncTimer = undefined;
      void this.enqueue(() => this.send()).catch((e: unknown) => {
        this.problem = String(e instanceof Error ? e.message : e);
      });
    }, delay);
  }

  /** Runs `call` after every call to the core queued before it. */
  private enqueue<T>(call: () => Promise<T>): Promise<T> {
    const next = this.queue.then(call, call);
    this.queue = next.catch(() => {});
    return next;
  }

  /** Sends the core what it has not seen (only from the queue). On failure
   * the core's copy may differ from this one: the next call sends the whole. */
  private async send(): Promise<void> {
    const [whole, fields, refresh] = [this.pendingWhole, this.pendingFields, this.pendingAnalysis];
    const edits = Object.entries(fields).map(([key, value]) => ({ key, value: value as string | number | null }));
    if (!whole && edits.length === 0 && !refresh) return;
    const story = whole ? ($state.snapshot(this.story) as Story) : null;
    this.pendingWhole = false;
    this.pendingFields = {};
    this.pendingAnalysis = false;
    try {
      const update = story
        ? await ipc.editStory(this.id, this.rev, story)
        : edits.length
          ? await ipc.editFields(this.id, this.rev, edits)
          : await ipc.editAnalysis(this.id, this.rev);
      this.take(update);
    } catch (e) {
      this.pendingWhole = true;
      throw e;
    }
  }

  /** Brings the analysis held here up to the core's. */
  private take(update: AnalysisUpdate): void {
    const before = this.analysis?.publishable;
    if (update.full) {
      this.analysis = update.full;
    } else if (this.analysis && update.patch.length) {
      applyPatch(this.analysis, update.patch as Operation[], false, true);
    }
    this.rev = update.rev;
    if (update.full || this.analysis?.publishable !== before) void this.refreshSteps();
  }

  /** The gate as the panel shows it: the live analysis with what the
   * captured sources' later versions add (the core's findings, both). */
  get gate(): Analysis | null {
    const a = this.analysis;
    const extra = this.captures?.findings ?? [];
    if (!a || extra.length === 0) return a;
    return { ...a, findings: [...a.findings, ...extra], publishable: a.publishable && !this.captures?.blocks };
  }

  /** Asks the core what the next transitions need, for the gate panel. */
  async refreshSteps(): Promise<void> {
    const seq = ++this.stepsSeq;
    try {
      const steps = await ipc.workflowSteps($state.snapshot(this.workflow) as Workflow, this.gate?.publishable ?? false);
      if (seq === this.stepsSeq) this.steps = steps;
    } catch (e) {
      this.problem = String(e instanceof Error ? e.message : e);
    }
  }

  /** Takes what the core says a save or transition stored. */
  private stored(saved: Saved): void {
    this.version = saved.version;
    this.workflow = saved.workflow;
    this.stateLabel = saved.state_label;
    this.status = saved.status;
    // Fields only the store sets: show them, never send them back changed.
    // The preview is the core's layout of them, so a change asks for it again.
    const shown = () => JSON.stringify([this.story.corrections ?? [], this.story.withdrawal ?? null, this.story.published_at ?? null]);
    const before = shown();
    // A field the store cleared (null) is left out, as the story leaves it.
    const fields = Object.fromEntries(STORE_FIELDS.map((name) => [name, saved[name] ?? undefined]));
    Object.assign(this.story, structuredClone(fields));
    // The baseline follows, so an undo snapshot taken from it shows them too.
    Object.assign(this.baseline, structuredClone(fields));
    if (shown() !== before) this.refreshAnalysis();
    this.onSaved(saved);
    void this.refreshSteps();
  }

  /** Saves pending edits now; resolves when they are stored (or refused).
   * `kind` says what made the save (typing pause, field left, Ctrl+S). */
  async flush(kind: SaveKind = "field-left"): Promise<void> {
    clearTimeout(this.saveTimer);
    while (this.inFlight) await this.inFlight;
    if (!this.dirty || this.saveState === "conflict") return;
    this.inFlight = this.saveOnce(kind);
    try {
      await this.inFlight;
    } finally {
      this.inFlight = null;
    }
  }

  private async saveOnce(kind: SaveKind): Promise<void> {
    this.dirty = false;
    this.saveState = "saving";
    try {
      const stored = await this.enqueue(async () => {
        await this.send();
        return ipc.saveWorking(this.id, this.version, kind);
      });
      this.savedAt = timeOnly();
      this.problem = "";
      this.saveState = this.dirty ? "pending" : "saved";
      this.stored(stored);
      // A fact may now rely on (or no longer rely on) what a captured
      // article dropped: the core says again, once per save.
      if (this.captures?.sources.length) void this.refreshCaptures().catch(() => {});
      if (this.dirty) this.saveTimer = setTimeout(() => void this.flush("typing"), SAVE_DELAY_MS);
    } catch (e) {
      this.dirty = true;
      if (e instanceof ipc.IpcFailure && e.code === "conflict") {
        this.saveState = "conflict";
        this.conflictMessage = e.message;
      } else if (e instanceof ipc.IpcFailure && e.code === "offline") {
        // The edit is in the journal on this computer; try again until the server answers.
        this.saveState = "offline";
        this.problem = "";
        this.saveTimer = setTimeout(() => void this.flush("typing"), OFFLINE_RETRY_MS);
      } else {
        this.saveState = "error";
        this.problem = e instanceof Error ? e.message : String(e);
      }
    }
  }

  /** A colleague saved version `version` of this story. Without unsaved
   * edits here the editor takes it ("reloaded"); with some, their save
   * makes this one a conflict, named after them ("conflict"). A change this
   * window made itself, or one it has already seen, is "ignored". */
  async colleagueSaved(version: number, by: string): Promise<"reloaded" | "conflict" | "ignored"> {
    while (this.inFlight) await this.inFlight;
    if (version <= this.version) return "ignored";
    if (!this.dirty && this.saveState === "saved") {
      await this.reload();
      return "reloaded";
    }
    clearTimeout(this.saveTimer);
    this.saveState = "conflict";
    this.changedBy = by;
    return "conflict";
  }

  /** Drops local edits and takes the stored story (after a conflict, a
   * restore, or a change elsewhere). */
  async reload(): Promise<void> {
    const opened = await this.enqueue(() => ipc.openStory(this.id));
    const stored = opened.stored;
    this.version = stored.version;
    this.status = stored.story.status;
    this.workflow = stored.workflow;
    this.stateLabel = stored.state_label;
    this.dirty = false;
    this.saveState = "saved";
    // What is on screen was saved just now (a restore, a reload): say so.
    this.savedAt = timeOnly(stored.story.updated_at);
    this.changedBy = "";
    this.conflictMessage = "";
    this.history = new History(clone(stored.story));
    this.stale = false;
    this.baseline = clone(stored.story);
    this.syncHistoryFlags();
    this.story = clone(stored.story);
    this.pendingWhole = false;
    this.pendingFields = {};
    this.take(opened.analysis);
  }

  /** After a conflict: keep this text as a new story (the core names and
   * files it); returns it. */
  async keepAsCopy(): Promise<StoredStory> {
    const copy = await ipc.keepAsCopy(clone($state.snapshot(this.story) as Story));
    this.dirty = false;
    return copy;
  }

  // Editing operations. Each returns the DOM id of the field to focus next.

  /** An empty fact at `at` (the end by default). */
  addFact(at?: number): string {
    const id = crypto.randomUUID();
    this.apply((s) => ops.addFact(s, id, at), "add-fact");
    return fieldId.fact(id);
  }

  /** A new source, optionally with its outlet and cited by fact `citeFrom`. */
  addSource(outlet = "", citeFrom?: string): string {
    const id = crypto.randomUUID();
    this.apply((s) => {
      s.sources.push(ops.newSource(id, outlet.trim()));
      if (citeFrom) ops.cite(s, citeFrom, id);
    }, "add-source");
    return fieldId.source(id, outlet.trim() ? "url" : "outlet");
  }

  /** A source made by the core from an article (its title, date, text). */
  async addArticle(article: Article, outlet: string, url: string): Promise<string> {
    const source = await ipc.articleSource(article, outlet, url);
    this.apply((s) => void s.sources.push(source), "add-article");
    return fieldId.source(source.id, source.outlet ? "url" : "outlet");
  }

  /** A source captured from the web (the core read the page), under the
   * outlet and title the editor confirmed; its snapshot is kept, and fact
   * `citeFrom` cites it when given. */
  async addCaptured(capture: Capture, outlet: string, title: string, citeFrom?: string): Promise<string> {
    const source = { ...capture.source, outlet: outlet.trim(), title: title.trim() };
    this.apply((s) => {
      s.sources.push(source);
      if (citeFrom) ops.cite(s, citeFrom, source.id);
    }, "add-captured");
    await ipc.keepCapture(this.id, source.id);
    await this.refreshCaptures();
    return fieldId.source(source.id, "title");
  }

  /** What the core says about the story's captured sources, for its
   * copy of the story: the edits it has not seen go first. */
  async refreshCaptures(): Promise<void> {
    const before = this.captures?.blocks;
    this.captures = await this.enqueue(async () => {
      await this.send();
      return ipc.sourceCaptures(this.id);
    });
    if (this.captures.blocks !== before) void this.refreshSteps();
  }

  /** A narrative on the side that has none yet (the first side when both do). */
  addNarrative(): string {
    const id = crypto.randomUUID();
    const has = (stance: Story["narratives"][number]["stance"]) => this.story.narratives.some((n) => n.stance === stance);
    const stance = !has("establishment-critical") || has("pro-establishment") ? "establishment-critical" : "pro-establishment";
    this.apply((s) => ops.addNarrative(s, id, stance), "add-narrative");
    return fieldId.narrative(id, "outlet");
  }

  addPrediction(): string {
    const id = crypto.randomUUID();
    this.apply((s) => ops.addPrediction(s, id), "add-prediction");
    return fieldId.prediction(id, "statement");
  }

  /** Sets the story's narrative axis (`null`: the establishment axis). */
  setAxis(axis: NarrativePair | null): void {
    this.apply((s) => {
      if (axis) s.axis = axis;
      else delete s.axis;
    }, "axis");
  }

  /** Saves, then takes a workflow step (submit, approve, publish…) with
   * its note; the core checks the gate and the desk's rules again. */
  async transition(action: Action, note: string): Promise<void> {
    await this.flush("explicit");
    if (this.saveState === "conflict") throw new Error("Resolve the save conflict first.");
    const stored = await this.enqueue(() => ipc.transition(this.id, this.version, action, note));
    this.stored(stored);
    this.catchUp();
    this.history.record(clone($state.snapshot(this.story) as Story), `op:${action}`);
  }

  /** Stops timers; `forget`: the core may drop its copy (after any pending
   * save) — not when another editor takes over the same story. */
  dispose(forget = true): void {
    clearTimeout(this.saveTimer);
    clearTimeout(this.syncTimer);
    if (forget) void this.enqueue(() => ipc.closeStory(this.id)).catch(() => {});
  }
}
