// Generated from factdesk_core::fields::FIELDS by a core test; do not edit.

/** An edit key: a story field's name, or a part field's prefix and the part's id. */
export type FieldKey =
  | "headline"
  | "summary"
  | "image-credit"
  | "language"
  | "axis-first"
  | "axis-second"
  | `fact:${string}`
  | `source-outlet:${string}`
  | `source-url:${string}`
  | `source-title:${string}`
  | `source-date:${string}`
  | `narrative-outlet:${string}`
  | `narrative-text:${string}`
  | `prediction-statement:${string}`
  | `prediction-probability:${string}`
  | `prediction-forecaster:${string}`;

/** Where each field lives: its list (null: the story's own row), property and control id. */
export const FIELDS: Record<string, { list: string | null; prop: string; dom: string; part: boolean; min?: number; max?: number }> = {
  "headline": { list: null, prop: "headline", dom: "story-headline", part: false },
  "summary": { list: null, prop: "summary", dom: "story-summary", part: false },
  "image-credit": { list: null, prop: "image_credit", dom: "story-image-credit", part: false },
  "language": { list: null, prop: "language", dom: "story-language", part: false },
  "axis-first": { list: "axis", prop: "first", dom: "story-axis", part: false },
  "axis-second": { list: "axis", prop: "second", dom: "story-axis-second", part: false },
  "fact": { list: "facts", prop: "text", dom: "fact-{id}", part: true },
  "source-outlet": { list: "sources", prop: "outlet", dom: "source-{id}-outlet", part: true },
  "source-url": { list: "sources", prop: "url", dom: "source-{id}-url", part: true },
  "source-title": { list: "sources", prop: "title", dom: "source-{id}-title", part: true },
  "source-date": { list: "sources", prop: "published_on", dom: "source-{id}-published_on", part: true },
  "narrative-outlet": { list: "narratives", prop: "outlet", dom: "narrative-{id}-outlet", part: true },
  "narrative-text": { list: "narratives", prop: "text", dom: "narrative-{id}-text", part: true },
  "prediction-statement": { list: "predictions", prop: "statement", dom: "prediction-{id}-statement", part: true },
  "prediction-probability": { list: "predictions", prop: "probability", dom: "prediction-{id}-probability", part: true, min: 0, max: 255 },
  "prediction-forecaster": { list: "predictions", prop: "forecaster", dom: "prediction-{id}-forecaster", part: true },
};

/** The edit key of a story field, or of a part's field with the part's id. */
export const fieldKey = {
  headline: "headline" as FieldKey,
  summary: "summary" as FieldKey,
  imageCredit: "image-credit" as FieldKey,
  language: "language" as FieldKey,
  axisFirst: "axis-first" as FieldKey,
  axisSecond: "axis-second" as FieldKey,
  fact: (id: string): FieldKey => `fact:${id}`,
  sourceOutlet: (id: string): FieldKey => `source-outlet:${id}`,
  sourceUrl: (id: string): FieldKey => `source-url:${id}`,
  sourceTitle: (id: string): FieldKey => `source-title:${id}`,
  sourceDate: (id: string): FieldKey => `source-date:${id}`,
  narrativeOutlet: (id: string): FieldKey => `narrative-outlet:${id}`,
  narrativeText: (id: string): FieldKey => `narrative-text:${id}`,
  predictionStatement: (id: string): FieldKey => `prediction-statement:${id}`,
  predictionProbability: (id: string): FieldKey => `prediction-probability:${id}`,
  predictionForecaster: (id: string): FieldKey => `prediction-forecaster:${id}`,
};

/** The id of the form control of the field `key` names. */
export function domId(key: FieldKey): string {
  const colon = key.indexOf(":");
  const spec = FIELDS[colon > 0 ? key.slice(0, colon) : key];
  return spec.dom.replace("{id}", key.slice(colon + 1));
}

/** What readers' formats show for a story without a headline. */
export const UNTITLED = "Untitled story";

/** The story fields only the store sets: a save answers them and the window copies them. */
export const STORE_FIELDS = ["status", "edition", "published_at", "updated_at", "corrections", "withdrawal"] as const;
