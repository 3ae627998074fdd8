// `npm start`: the app in anonymous local mode (LOCAL_MODE=1, bound to 127.0.0.1), unless the
// environment says otherwise. Production runs `node dist/src/index.js`, which never defaults to it.
process.env.LOCAL_MODE ??= '1';
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('../src/index'); // after the line above: an import would be hoisted over it
