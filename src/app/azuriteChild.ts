// Runs Azurite's table service in this process and exits when the parent is gone, so a bot killed
// with SIGKILL (or a test run cut short) leaves no Azurite behind. Usage: node azuriteChild.js <azurite main.js> [args…]
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(0);
}, 1000).unref();

const [script, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], script, ...args];
require(script);
