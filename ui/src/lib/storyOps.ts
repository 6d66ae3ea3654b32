// Structural edits of a story, as plain functions that mutate the story they
// are given (the editor passes its reactive story and records history).
import type { Story } from "../bindings/Story";
import type { Source } from "../bindings/Source";
import type { Stance } from "../bindings/Stance";

export function move<T>(list: T[], from: number, to: number): boolean {
  if (from < 0 || from >= list.length || to < 0 || to >= list.length || from === to) return false;
  const [item] = list.splice(from, 1);
  list.splice(to, 0, item);
  return true;
}

export function addFact(story: Story, id: string, at = story.facts.length): void {
  story.facts.splice(at, 0, { id, text: "", citations: [] });
}

export function cite(story: Story, factId: string, sourceId: string): void {
  const fact = story.facts.find((f) => f.id === factId);
  if (fact && !fact.citations.includes(sourceId)) fact.citations.push(sourceId);
}

export function uncite(story: Story, factId: string, sourceId: string): void {
  const fact = story.facts.find((f) => f.id === factId);
  if (fact) fact.citations = fact.citations.filter((c) => c !== sourceId);
}

export function newSource(id: string, outlet = ""): Source {
  return { id, outlet, url: "", title: "", published_on: null, saved_text: "" };
}

/** Removes a source and every citation of it. */
export function removeSource(story: Story, sourceId: string): void {
  story.sources = story.sources.filter((s) => s.id !== sourceId);
  for (const fact of story.facts) fact.citations = fact.citations.filter((c) => c !== sourceId);
}

export function addNarrative(story: Story, id: string, stance: Stance): void {
  story.narratives.push({ id, stance, outlet: "", text: "" });
}

export function addPrediction(story: Story, id: string): void {
  story.predictions.push({ id, statement: "", probability: null, forecaster: "" });
}

/** "1, 2 and 3" for fact numbers in a sentence. */
export function joinNumbers(numbers: number[]): string {
  if (numbers.length <= 1) return numbers.join("");
  return `${numbers.slice(0, -1).join(", ")} and ${numbers[numbers.length - 1]}`;
}
