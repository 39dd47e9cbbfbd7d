// Stops with a clear message on a Node.js older than the project needs (package.json
// "engines"), instead of the segmentation fault better-sqlite3 13 gives there.
// Imported first by bin/beatline.mjs, scripts/web.mjs and scripts/run-tests.mjs.
const NEEDED = [22, 14];
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < NEEDED[0] || (major === NEEDED[0] && minor < NEEDED[1])) {
  process.stderr.write(
    `Beatline needs Node.js ${NEEDED.join('.')} or newer (Node 24 LTS recommended); ` +
      `this is Node ${process.versions.node}. Install a current Node from https://nodejs.org ` +
      `(or with your version manager) and run the command again.\n`,
  );
  process.exit(1);
}
