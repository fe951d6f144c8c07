/**
 * The part of keytar's API the Secret Service store uses. tsconfig.json maps the module name `keytar`
 * here, so type-checking never depends on whether the optional native module built on this machine
 * (it needs libsecret headers). At run time the real module is loaded (it stays external in bundles).
 */
export function getPassword(service: string, account: string): Promise<string | null>;
export function setPassword(service: string, account: string, password: string): Promise<void>;
export function deletePassword(service: string, account: string): Promise<boolean>;
