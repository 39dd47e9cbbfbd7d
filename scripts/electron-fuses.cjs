// electron-builder `afterPack` hook: flips Electron's fuses in the packaged binary, before it is
// signed. Release builds then cannot be run as plain Node (ELECTRON_RUN_AS_NODE), ignore
// NODE_OPTIONS and --inspect, load the app only from its (integrity-checked) app.asar, and
// encrypt cookies. Needs the @electron/fuses devDependency; without it the hook says so and
// leaves the binary as it is (so a local `electron-builder --dir` still works).
'use strict';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- electron-builder hooks are CommonJS
const path = require('node:path');

/** The fuse settings, keyed by @electron/fuses' FuseV1Options. */
function fuseConfig(FuseV1Options, FuseVersion) {
  return {
    version: FuseVersion.V1,
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.EnableCookieEncryption]: true,
    // The renderer is served over app://; file: URLs get no extra privileges.
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  };
}

/** The Electron executable electron-builder just wrote for this platform. */
function electronBinary(context) {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(context.appOutDir, `${name}.app`);
    case 'win32':
      return path.join(context.appOutDir, `${name}.exe`);
    default:
      return path.join(context.appOutDir, context.packager.executableName);
  }
}

/** Flips the fuses with the given @electron/fuses module (injected by tests). */
async function applyFuses(context, fuses) {
  const binary = electronBinary(context);
  const config = fuseConfig(fuses.FuseV1Options, fuses.FuseVersion);
  // Flipping fuses invalidates the ad-hoc signature of arm64 macOS builds; re-sign it.
  if (context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas') {
    config.resetAdHocDarwinSignature = context.arch === 3 || context.arch === 4; // arm64, universal
  }
  await fuses.flipFuses(binary, config);
  return { binary, config };
}

/** Loads @electron/fuses (v1 is CommonJS, v2 is ESM: import() takes both); null when absent. */
async function loadFuses() {
  try {
    return await import('@electron/fuses');
  } catch {
    return null;
  }
}

async function afterPack(context) {
  const fuses = await loadFuses();
  if (!fuses) {
    console.warn(
      'electron-fuses: @electron/fuses is not installed; the fuses were NOT flipped. ' +
        'Install it (npm i -D @electron/fuses) before building a release.',
    );
    if (process.env.BEATLINE_RELEASE === '1') {
      throw new Error('electron-fuses: a release build needs @electron/fuses');
    }
    return null;
  }
  return applyFuses(context, fuses);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.applyFuses = applyFuses;
module.exports.electronBinary = electronBinary;
module.exports.fuseConfig = fuseConfig;
