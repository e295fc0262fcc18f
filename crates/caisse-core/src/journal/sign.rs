//! Ed25519 signatures of journal hashes, for jurisdictions that ask for a signature on top of
//! the chain (the register's secret key signs the raw 32 bytes of each entry's hash).

use std::fmt;

use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};

use super::JournalError;

/// A register's signing key. Its `Debug` never shows the secret.
pub struct JournalSigner(SigningKey);

impl JournalSigner {
    /// The signer for a 32-byte Ed25519 secret key written as 64 hex characters.
    pub fn from_secret_hex(secret_hex: &str) -> Result<JournalSigner, JournalError> {
        let secret: [u8; 32] = decode_hex(secret_hex, "secret key")?;
        Ok(JournalSigner(SigningKey::from_bytes(&secret)))
    }

    /// The public key that checks this register's signatures, as 64 hex characters.
    pub fn public_key_hex(&self) -> String {
        hex::encode(self.0.verifying_key().to_bytes())
    }

    /// Signs an entry's hash (64 hex characters); the signature is 128 hex characters.
    pub fn sign_hash(&self, hash_hex: &str) -> Result<String, JournalError> {
        let hash: [u8; 32] = decode_hex(hash_hex, "hash")?;
        Ok(hex::encode(self.0.sign(&hash).to_bytes()))
    }
}

impl fmt::Debug for JournalSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "JournalSigner(public {})", self.public_key_hex())
    }
}

/// Checks a register's signature (128 hex) of an entry's hash (64 hex) with its public key.
pub fn verify_signature(
    public_key_hex: &str,
    hash_hex: &str,
    signature_hex: &str,
) -> Result<(), JournalError> {
    let public: [u8; 32] = decode_hex(public_key_hex, "public key")?;
    let hash: [u8; 32] = decode_hex(hash_hex, "hash")?;
    let signature: [u8; 64] = decode_hex(signature_hex, "signature")?;
    let key = VerifyingKey::from_bytes(&public).map_err(|_| JournalError::InvalidPublicKey)?;
    key.verify_strict(&hash, &Signature::from_bytes(&signature))
        .map_err(|_| JournalError::BadSignature)
}

fn decode_hex<const N: usize>(text: &str, what: &'static str) -> Result<[u8; N], JournalError> {
    let mut out = [0u8; N];
    hex::decode_to_slice(text, &mut out)
        .map_err(|_| JournalError::InvalidHex { what, bytes: N })?;
    Ok(out)
}
