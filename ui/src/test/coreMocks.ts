// Mocks of the commands the fake core (workingCore.ts) drives, for a test's
// `vi.hoisted` ipc mock: the store's (getStory, saveStory, analyzeStory)
// and the editing session's. Kept apart from workingCore.ts, which imports
// the ipc module the tests replace.
import { vi } from "vitest";

export const coreMocks = () => ({
  getStory: vi.fn(),
  saveStory: vi.fn(),
  analyzeStory: vi.fn(),
  openStory: vi.fn(),
  editStory: vi.fn(),
  editFields: vi.fn(),
  editAnalysis: vi.fn(),
  saveWorking: vi.fn(),
  closeStory: vi.fn(),
  languageChoices: vi.fn(),
  setSpelling: vi.fn(),
  windowDrawn: vi.fn(() => Promise.resolve(null)),
});
