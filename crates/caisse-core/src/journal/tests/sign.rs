use super::*;

/// RFC 8032 section 7.1, test 1.
const SECRET: &str = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
const PUBLIC: &str = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
/// RFC 8032 section 7.1, test 2: another valid public key.
const OTHER_PUBLIC: &str = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";
/// The reference's signature of chain vector 1's raw hash with that key.
const SIG_SEQ1: &str = "a2ddbe721c67cd7ce5566119dbc0e76ea3281c731ad68817bc349c6cfccee0bde086ef4cf312404fc6f7a06e2fb15bfd55aa33a861a18d3607c37d47366c0d02";

fn signer() -> JournalSigner {
    match JournalSigner::from_secret_hex(SECRET) {
        Ok(s) => s,
        Err(e) => panic!("test key refused: {e}"),
    }
}

#[test]
fn reference_signature_of_the_first_vector() {
    let signer = signer();
    assert_eq!(signer.public_key_hex(), PUBLIC);
    assert_eq!(signer.sign_hash(VECTORS[0].1).as_deref(), Ok(SIG_SEQ1));
    assert_eq!(verify_signature(PUBLIC, VECTORS[0].1, SIG_SEQ1), Ok(()));
}

#[test]
fn signatures_of_other_hashes_do_not_verify() {
    let cases = [
        (PUBLIC, VECTORS[1].1, SIG_SEQ1, Err("journal_bad_signature")),
        (
            OTHER_PUBLIC,
            VECTORS[0].1,
            SIG_SEQ1,
            Err("journal_bad_signature"),
        ),
        (
            &"00".repeat(32)[..63],
            VECTORS[0].1,
            SIG_SEQ1,
            Err("journal_invalid_hex"),
        ),
        (PUBLIC, "abc", SIG_SEQ1, Err("journal_invalid_hex")),
        (
            PUBLIC,
            VECTORS[0].1,
            &SIG_SEQ1[..126],
            Err("journal_invalid_hex"),
        ),
        (PUBLIC, VECTORS[0].1, SIG_SEQ1, Ok(())),
    ];
    for (public, hash, sig, expected) in cases {
        let got = verify_signature(public, hash, sig).map_err(|e| e.code());
        assert_eq!(got, expected, "{public} {hash}");
    }
}

#[test]
fn signer_debug_hides_the_secret() {
    let shown = format!("{:?}", signer());
    assert!(!shown.contains(SECRET), "{shown}");
    assert!(shown.contains(PUBLIC), "{shown}");
    let bad = JournalSigner::from_secret_hex("zz")
        .map(|_| ())
        .map_err(|e| e.code());
    assert_eq!(bad, Err("journal_invalid_hex"));
}
