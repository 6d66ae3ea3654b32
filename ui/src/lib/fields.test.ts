import { describe, expect, it } from "vitest";
import { applyPatch, type Operation } from "fast-json-patch";
import type { Story } from "../bindings/Story";
import { slot } from "./fields";
// What the core changes in the seed story for each kind of edit key
// (written by the core's ui_fixtures test).
import core from "../test/core/field-edits.json";

const copy = (): Story => JSON.parse(JSON.stringify(core.story)) as Story;

describe("slot", () => {
  it("reads every edit key as the core applies it", () => {
    expect(core.edits.length).toBeGreaterThanOrEqual(15);
    for (const edit of core.edits) {
      const here = copy();
      const at = slot(here, edit.key);
      expect(at, edit.key).not.toBeNull();
      at!.obj[at!.prop] = edit.value;
      const there = applyPatch(copy(), edit.patch as Operation[], false, false).newDocument;
      expect(here, edit.key).toEqual(there);
    }
  });

  it("names nothing for keys and parts the story does not have", () => {
    const story = copy();
    expect(slot(story, "byline")).toBeNull();
    expect(slot(story, "fact:no-such-fact")).toBeNull();
    expect(slot(story, "op:add-fact")).toBeNull();
    delete story.axis;
    expect(slot(story, "axis-first")).toBeNull();
  });

  it("follows an item that moved or went since it was last found", () => {
    const story = copy();
    const [first, second] = story.facts;
    const key = `fact:${second.id}`;
    expect(slot(story, key)?.obj).toBe(second);
    story.facts.reverse();
    expect(slot(story, key)?.obj).toBe(second);
    story.facts.splice(story.facts.indexOf(second), 1);
    expect(slot(story, key)).toBeNull();
    expect(slot(story, `fact:${first.id}`)?.obj).toBe(first);
  });
});
