// Display helpers for the story list; pure, so they are unit-tested directly.
import { UNTITLED } from "../bindings/FieldKey";

/** A headline as lists show it: the core's words for a story without one. */
export function headlineOrPlaceholder(headline: string): string {
  return headline.trim() || UNTITLED;
}

// One date and time style everywhere in the window: the system locale's,
// medium dates and short times ("5 Dec 2026, 22:15" or "Dec 5, 2026, 10:15 PM").
const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" };
const DATE: Intl.DateTimeFormatOptions = { dateStyle: "medium" };
const TIME: Intl.DateTimeFormatOptions = { timeStyle: "short" };

/** A moment (an RFC 3339 text or a Date) as date and time. */
export function dateTime(at: string | Date, locale?: string): string {
  return new Date(at).toLocaleString(locale, DATE_TIME);
}

/** A moment's day. */
export function dateOnly(at: string | Date, locale?: string): string {
  return new Date(at).toLocaleDateString(locale, DATE);
}

/** A moment's time of day, for "Saved 22:15" (the same style as dateTime's). */
export function timeOnly(at: string | Date = new Date(), locale?: string): string {
  return new Date(at).toLocaleTimeString(locale, TIME);
}
