use super::*;

#[test]
fn canonical_text_table() {
    let cases = [
        (r#"{"b":1,"a":2}"#, r#"{"a":2,"b":1}"#),
        (
            r#"{ "z" : [ 3 , 2 , 1 ] , "a" : { "d" : null , "c" : true } }"#,
            r#"{"a":{"c":true,"d":null},"z":[3,2,1]}"#,
        ),
        (
            r#"{"B":1,"a":1,"_":1,"1":1}"#,
            r#"{"1":1,"B":1,"_":1,"a":1}"#,
        ),
        (r#""é""#, r#""\u00e9""#),
        (r#""€""#, r#""\u20ac""#),
        (r#""😀""#, r#""\ud83d\ude00""#),
        (r#""a\"b\\c/d""#, r#""a\"b\\c/d""#),
        (r#""\n\r\t\b\f""#, r#""\n\r\t\b\f""#),
        (r#""\u0001\u001f""#, r#""\u0001\u001f""#),
        (r#""\u007f""#, "\"\u{7f}\""),
        ("[]", "[]"),
        ("{}", "{}"),
        ("-42", "-42"),
        ("18446744073709551615", "18446744073709551615"),
        ("-9223372036854775808", "-9223372036854775808"),
        (r#"{"é":1,"e":2,"z":3}"#, r#"{"e":2,"z":3,"\u00e9":1}"#),
        (r#"[false,"x",{"k":"v"}]"#, r#"[false,"x",{"k":"v"}]"#),
    ];
    for (input, expected) in cases {
        let got = canonical_json(&parse(input));
        assert_eq!(got.as_deref(), Ok(expected), "{input}");
        assert!(expected.is_ascii(), "{expected}");
    }
}

#[test]
fn canonical_text_refuses_floats() {
    // serde_json reads "-0" as a float too: refused rather than silently turned into 0.
    for input in ["1.5", "1.0", "1e3", "-0", "-0.0", r#"{"a":[1,{"b":2.25}]}"#] {
        let got = canonical_json(&parse(input)).map_err(|e| e.code());
        assert_eq!(got, Err("journal_float_number"), "{input}");
    }
}

#[test]
fn canonical_text_reads_back_as_the_same_value() {
    let input = r#"{"name":"Crème brûlée 🍮","tab":"a\tb","n":[-1,0,18446744073709551615],"nested":{"y":null,"x":"\u0000"}}"#;
    let value = parse(input);
    let text = canonical_json(&value);
    assert_eq!(text.as_deref().map(parse), Ok(value));
}
