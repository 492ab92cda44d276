// Starts yaml-language-server with its validation delay set to 0. The server waits a fixed
// 200 ms after each change before validating (SettingsState.validationDelayMs, not a
// setting a client can send), so for a like-for-like latency comparison with drspec at
// `diagnostics.debounceMs` 0 the benchmark replaces that one field before the server starts.
'use strict';
const settings = require('yaml-language-server/out/server/src/yamlSettings.js');
const Base = settings.SettingsState;
settings.SettingsState = class extends Base {
  constructor() {
    super();
    this.validationDelayMs = Number(process.env.YAML_VALIDATION_DELAY_MS ?? 0);
  }
};
process.env.YAML_LANGUAGE_SERVER_VERSION = require('yaml-language-server/package.json').version;
require('yaml-language-server/out/server/src/server.js');
