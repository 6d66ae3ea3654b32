// Display helpers for the story list; pure, so they are unit-tested directly.
import { UNTITLED } from "../bindings/FieldKey";

/** A headline as lists show it: the core's words for a story without one. */
export function headlineOrPlaceholder(headline: string): string {
  return headline.trim() || UNTITLED;
}

/** The wall-clock time as hh:mm:ss (24 h), for "Saved hh:mm:ss". */
export function clockTime(at: Date = new Date()): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`;
}
