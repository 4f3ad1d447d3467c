// Imported first by main.ts, before anything loads React or Ink: the built till runs React's
// production build (bin/build.mjs defines NODE_ENV) and never believes it runs in CI (Ink then
// draws only the last frame). The scan measure renders the same code under tsx, so it must too.
process.env.NODE_ENV = 'production';
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;

export {};
