import pkg from '../package.json';

/** The app's version, inlined at build time from package.json; stored with every run and figure. */
export const APP_VERSION: string = pkg.version;
export const APP_NAME = 'InfoDiff Lab';
