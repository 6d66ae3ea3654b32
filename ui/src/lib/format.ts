// Display helpers for the story list; pure, so they are unit-tested directly.
import type { StorySummary } from "../bindings/StorySummary";

/** Stories whose headline contains `query`, ignoring case and accents. */
export function filterStories(stories: StorySummary[], query: string): StorySummary[] {
  const fold = (s: string) => s.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();
  const q = fold(query.trim());
  return q ? stories.filter((s) => fold(s.headline).includes(q)) : stories;
}

export function headlineOrPlaceholder(headline: string): string {
  return headline.trim() || "(no headline)";
}

/** The wall-clock time as hh:mm:ss (24 h), for "Saved hh:mm:ss". */
export function clockTime(at: Date = new Date()): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`;
}
