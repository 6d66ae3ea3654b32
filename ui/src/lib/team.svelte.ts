// The team desk as this window sees it: who else has which story open
// (heartbeats every few seconds, which also tell the server this window is
// alive), whether the team database answers, and colleagues' changes as the
// server announces them. On a file there is nobody else: nothing starts.
import type { Editing } from "../bindings/Editing";
import type { StoryChange } from "../bindings/StoryChange";
import * as ipc from "./ipc";

const HEARTBEAT_MS = 5000;

export interface TeamHandlers {
  /** Colleagues changed these stories. */
  changed: (changes: StoryChange[]) => void;
  /** The team database answers again after being away. */
  back: () => void;
}

export class Team {
  /** The team database's address (password masked); null on a file. */
  server: string | null = $state(null);
  /** Who else has which story open, with the core's sentence for each. */
  editors: Editing[] = $state([]);
  /** Why the team database cannot be reached; empty while it answers. */
  away = $state("");

  private timer: ReturnType<typeof setInterval> | undefined;
  private unlisten: (() => void)[] = [];

  constructor(private readonly shown: () => number | null) {}

  async start(handlers: TeamHandlers): Promise<void> {
    this.server = (await ipc.deskInfo()).server;
    if (!this.server) return;
    this.unlisten.push(await ipc.onDeskChanged(handlers.changed));
    this.unlisten.push(
      await ipc.onDeskStatus((status) => {
        if (status.online) {
          this.away = "";
          handlers.back();
        } else {
          this.away = status.message;
        }
      }),
    );
    await this.beat();
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_MS);
  }

  /** Says this window is here now (after opening another story, say). */
  async beat(): Promise<void> {
    if (!this.server) return;
    try {
      this.editors = (await ipc.heartbeat(this.shown())).editing;
    } catch {
      // The server is away: the status event says so; presence waits for it.
    }
  }

  /** The others who have `story` open, and what the window says of them; null when none. */
  editing(story: number): Editing | null {
    return this.editors.find((e) => e.story === story) ?? null;
  }

  /** Leaves the desk (the window is closing). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.unlisten.forEach((u) => u());
    if (this.server) await ipc.leaveDesk().catch(() => {});
  }
}

