// The open story's editing session: the reactive story, undo/redo, the live
// analysis from the core, and autosave (debounced while typing, at once on
// blur or Ctrl+S, before the window closes). A save that loses the race to
// another window is never retried over it: the editor chooses to reload or
// to keep this text as a copy.
import type { Analysis } from "../bindings/Analysis";
import type { Story } from "../bindings/Story";
import type { StoredStory } from "../bindings/StoredStory";
import { clockTime } from "./format";
import { History } from "./history";
import * as ipc from "./ipc";

export type SaveState = "saved" | "pending" | "saving" | "conflict" | "error";

const SAVE_DELAY_MS = 700;
const ANALYZE_DELAY_MS = 80;

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export class Editor {
  id: number;
  version = $state(0);
  story: Story = $state() as Story;
  status = $state<Story["status"]>("draft");
  analysis: Analysis | null = $state(null);
  saveState: SaveState = $state("saved");
  /** hh:mm:ss of the last successful save. */
  savedAt: string | null = $state(null);
  problem = $state("");
  canUndo = $state(false);
  canRedo = $state(false);

  private history: History<Story>;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private analyzeTimer: ReturnType<typeof setTimeout> | undefined;
  private analyzeSeq = 0;
  private inFlight: Promise<void> | null = null;
  private dirty = false;

  constructor(
    stored: StoredStory,
    private readonly onSaved: (stored: StoredStory) => void = () => {},
  ) {
    this.id = stored.id;
    this.version = stored.version;
    this.story = clone(stored.story);
    this.status = stored.story.status;
    this.history = new History(clone(stored.story));
    this.analyzeSoon(0);
  }

  /** Call after any change to `story`; `key` groups typing into one undo step. */
  changed(key: string): void {
    this.history.record(clone($state.snapshot(this.story) as Story), key);
    this.syncHistoryFlags();
    this.markDirty();
  }

  /** Applies a structural edit as its own undo step. */
  apply(edit: (story: Story) => void, label: string): void {
    edit(this.story);
    this.changed(`op:${label}`);
  }

  undo(): void {
    const previous = this.history.undo();
    if (previous) this.replace(previous);
  }

  redo(): void {
    const next = this.history.redo();
    if (next) this.replace(next);
  }

  private replace(story: Story): void {
    this.story = clone(story);
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
    this.analyzeSoon(ANALYZE_DELAY_MS);
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
  }

  /** Re-runs the checks now (the registry changed under the story). */
  refreshAnalysis(): void {
    this.analyzeSoon(0);
  }

  /** Throttled, not debounced: while the editor types, the checks still run
   * every few keystrokes, and a late answer never replaces a newer one. */
  private analyzeSoon(delay: number): void {
    if (this.analyzeTimer !== undefined && delay > 0) return;
    clearTimeout(this.analyzeTimer);
    this.analyzeTimer = setTimeout(async () => {
      this.analyzeTimer = undefined;
      const seq = ++this.analyzeSeq;
      try {
        const analysis = await ipc.analyzeStory($state.snapshot(this.story) as Story);
        if (seq === this.analyzeSeq) this.analysis = analysis;
      } catch (e) {
        this.problem = String(e instanceof Error ? e.message : e);
      }
    }, delay);
  }

  /** Saves pending edits now; resolves when they are stored (or refused). */
  async flush(): Promise<void> {
    clearTimeout(this.saveTimer);
    while (this.inFlight) await this.inFlight;
    if (!this.dirty || this.saveState === "conflict") return;
    this.inFlight = this.saveOnce();
    try {
      await this.inFlight;
    } finally {
      this.inFlight = null;
    }
  }

  private async saveOnce(): Promise<void> {
    const snapshot = clone($state.snapshot(this.story) as Story);
    this.dirty = false;
    this.saveState = "saving";
    try {
      const stored = await ipc.saveStory(this.id, this.version, snapshot);
      this.version = stored.version;
      this.savedAt = clockTime();
      this.problem = "";
      this.saveState = this.dirty ? "pending" : "saved";
      this.onSaved(stored);
      if (this.dirty) this.saveTimer = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
    } catch (e) {
      this.dirty = true;
      if (e instanceof ipc.IpcFailure && e.code === "conflict") {
        this.saveState = "conflict";
      } else {
        this.saveState = "error";
        this.problem = e instanceof Error ? e.message : String(e);
      }
    }
  }

  /** After a conflict: drop local edits and take the stored story. */
  async reload(): Promise<void> {
    const stored = await ipc.getStory(this.id);
    this.version = stored.version;
    this.status = stored.story.status;
    this.dirty = false;
    this.saveState = "saved";
    this.history = new History(clone(stored.story));
    this.syncHistoryFlags();
    this.story = clone(stored.story);
    this.analyzeSoon(0);
  }

  /** After a conflict: keep this text as a new story; returns it. */
  async keepAsCopy(): Promise<StoredStory> {
    const copy = clone($state.snapshot(this.story) as Story);
    copy.uid = await ipc.newId();
    copy.headline = `${copy.headline.trim()} (conflicting copy)`;
    copy.status = "draft";
    copy.published_at = null;
    this.dirty = false;
    return await ipc.restoreStory(copy);
  }

  /** Saves, then publishes through the core's gate. */
  async publish(): Promise<void> {
    await this.flush();
    const stored = await ipc.publishStory(this.id);
    this.version = stored.version;
    this.status = stored.story.status;
    this.story.status = stored.story.status;
    this.story.published_at = stored.story.published_at;
    this.history.record(clone($state.snapshot(this.story) as Story), "op:publish");
    this.onSaved(stored);
  }

  dispose(): void {
    clearTimeout(this.saveTimer);
    clearTimeout(this.analyzeTimer);
  }
}
