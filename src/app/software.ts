import { name, version } from '../../package.json';

/** This software's name and version, as receipts print them and the journal records its starts. */
export const SOFTWARE = { name, version } as const;
