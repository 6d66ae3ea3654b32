// Test data shared by the UI tests: an empty story and its stored form.
import type { Story } from "../bindings/Story";
import type { StoredStory } from "../bindings/StoredStory";

export function emptyStory(overrides: Partial<Story> = {}): Story {
  return {
    uid: "00000000-0000-4000-8000-000000000001",
    headline: "",
    summary: "",
    image_credit: "",
    status: "draft",
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    published_at: null,
    facts: [],
    sources: [],
    narratives: [],
    predictions: [],
    ...overrides,
  };
}

export function storedStory(id: number, headline: string, version = 1): StoredStory {
  return { id, version, story: emptyStory({ headline }) };
}
