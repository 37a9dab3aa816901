// Public surface of the crypto part (DESIGN §6). The AES-GCM primitives and
// strict decoders in gcm.ts are internal and intentionally not re-exported.
export { DecryptionError } from './errors.js';
export { generateMasterKey, kekFor, parseKeyring, type MasterKeyring } from './keyring.js';
export {
  generateUserKeyPair,
  rewrapPrivateKey,
  unwrapPrivateKey,
  wrappedKeyVersion,
  type UserKeyPair,
} from './userKeys.js';
export { newDataKey, open, seal, type SealContext, type Sealed } from './envelope.js';
export { unwrapDataKey, wrapDataKey, type DataKeyWrapContext } from './wrap.js';
