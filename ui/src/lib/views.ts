// The window's views: three about the open story, four about the whole desk.

export type StoryView = "editor" | "review" | "history";
export type DeskView = "wire" | "outlets" | "coverage" | "trash";
export type View = StoryView | DeskView;

export const isDeskView = (view: View): view is DeskView =>
  view === "wire" || view === "outlets" || view === "coverage" || view === "trash";
