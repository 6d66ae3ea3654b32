// The window's views: three about the open story, three about the whole desk.

export type StoryView = "editor" | "review" | "history";
export type DeskView = "outlets" | "coverage" | "trash";
export type View = StoryView | DeskView;

export const isDeskView = (view: View): view is DeskView => view === "outlets" || view === "coverage" || view === "trash";
