// Preloaded into a child process (node -r) by big.ts: reports its peak resident memory.
'use strict';
process.on('exit', () => {
  try {
    require('fs').writeSync(2, `\npeak-rss-kb ${process.resourceUsage().maxRSS}\n`);
  } catch {
    // stderr is gone: nothing to report.
  }
});
