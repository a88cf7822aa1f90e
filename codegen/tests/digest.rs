//! The SHA-256 of the runtime (`codegen/runtime/runtime/digest.rs`, which keeps a cut
//! `UnknownCode` apart from every other without the `alloc` feature), checked against the
//! examples of FIPS 180-4, digests of `sha256sum` at the lengths where the padding changes, and
//! the maintained `sha2` crate on any bytes. The runtime has its own so that a `no_std` build
//! gains no dependency; `sha2` is only the tests' oracle.

#[path = "../runtime/runtime/digest.rs"]
mod digest;

fn hex(digest: [u8; 32]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn the_examples_of_fips_180_4() {
    for (input, expected) in [
        (
            &b""[..],
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        ),
        (
            b"abc",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        ),
        (
            b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
        ),
    ] {
        assert_eq!(hex(digest::sha256(input)), expected, "{input:?}");
    }
    let million = vec![b'a'; 1_000_000];
    assert_eq!(
        hex(digest::sha256(&million)),
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
    );
}

/// `head -c N /dev/zero | tr '\0' a | sha256sum`: around one block's room for the length (55,
/// 56 bytes), a block (63 to 65) and two (111 to 120; the codes have 112 bytes).
#[test]
fn every_padding_case() {
    for (len, expected) in [
        (
            55,
            "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
        ),
        (
            56,
            "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
        ),
        (
            63,
            "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34",
        ),
        (
            64,
            "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
        ),
        (
            65,
            "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0",
        ),
        (
            111,
            "6374f73208854473827f6f6a3f43b1f53eaa3b82c21c1a6d69a2110b2a79baad",
        ),
        (
            112,
            "f54353008a2553262ecdc4a34749563ba0950e8b0fc8652780b0a614b99683c1",
        ),
        (
            119,
            "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb",
        ),
        (
            120,
            "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c",
        ),
    ] {
        assert_eq!(
            hex(digest::sha256(&vec![b'a'; len])),
            expected,
            "{len} bytes"
        );
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

    /// Any bytes, of any length up to a few blocks: the same digest as `sha2`'s.
    #[test]
    fn the_same_digest_as_the_sha2_crate(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300)) {
        use sha2::Digest;
        let expected: [u8; 32] = sha2::Sha256::digest(&bytes).into();
        proptest::prop_assert_eq!(digest::sha256(&bytes), expected);
    }
}
