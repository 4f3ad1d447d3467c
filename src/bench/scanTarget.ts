// What the scan measure renders, bundled by bin/build.mjs exactly as the till ships (minified,
// production React, the same trimmed dependencies), so the frames timed are the shop's.
export { render } from 'ink';
export { createElement } from 'react';
export { noPrinter } from '../../drivers/printer/textPrinter';
export { lookupEntry } from '../app/lookup';
export { closeTill, openTill } from '../app/till';
export { loadConfig } from '../config/load';
export { App } from '../tui/App';
