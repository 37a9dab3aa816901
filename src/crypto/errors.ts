/**
 * The one error every "could not decrypt / unwrap" path throws.
 *
 * The message is deliberately generic and carries no cause: callers map it to a
 * 4xx/5xx without risking that key material, ciphertext or plaintext ends up in
 * logs or HTTP responses (DESIGN §6: error messages carry no plaintext). It also
 * avoids telling an attacker *which* check failed (tag, length, version…).
 */
export class DecryptionError extends Error {
  constructor(message = 'decryption failed') {
    super(message);
    this.name = 'DecryptionError';
  }
}
