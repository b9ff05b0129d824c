// testTimeout is a global-only jest option; a project sets its own through its setup file.
jest.setTimeout(180_000);
