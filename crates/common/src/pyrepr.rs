//! The text Python prints for the values on the slides, so that the Rust output diffs cleanly.

use std::fmt::Display;
use std::net::SocketAddr;

/// `print(gen_obj)`: `<generator object gen_numbers at 0x7f95881a19e0>`, with the value's real
/// address. For a generator comprehension the name is `<genexpr>`.
pub fn generator<T>(name: &str, value: &T) -> String {
    format!("<generator object {name} at {:p}>", value as *const T)
}

/// `print(list)`: `[0, 1, 2]`.
pub fn list<T: Display>(items: &[T]) -> String {
    let items: Vec<String> = items.iter().map(|i| i.to_string()).collect();
    format!("[{}]", items.join(", "))
}

/// Python's `repr(bytes)`: `b'HTTP/1.0 302 Found\r\nLocation: https://'`.
///
/// Printable ASCII stays as it is, `\t \n \r \\` are escaped, other bytes become `\xNN`.
/// The quote is `'` unless the bytes hold `'` and no `"`, as in Python.
pub fn bytes(data: &[u8]) -> String {
    let quote = if data.contains(&b'\'') && !data.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(data.len() + 3);
    out.push('b');
    out.push(quote);
    for &b in data {
        match b {
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\\' => out.push_str("\\\\"),
            _ if b as char == quote => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7e => out.push(b as char),
            _ => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push(quote);
    out
}

/// An address as Python's socket module gives it: `('127.0.0.1', 45148)` for IPv4,
/// `('::1', 45148, 0, 0)` for IPv6 (address, port, flow info, scope id).
pub fn address(addr: SocketAddr) -> String {
    match addr {
        SocketAddr::V4(a) => format!("('{}', {})", a.ip(), a.port()),
        SocketAddr::V6(a) => format!(
            "('{}', {}, {}, {})",
            a.ip(),
            a.port(),
            a.flowinfo(),
            a.scope_id()
        ),
    }
}

/// The tuple `(host, port)` as Python prints it: `('localhost', 7000)`.
pub fn host_port(host: &str, port: u16) -> String {
    format!("('{host}', {port})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_as_python_prints_them() {
        assert_eq!(
            bytes(b"HTTP/1.0 302 Found\r\nLocation: https://"),
            r"b'HTTP/1.0 302 Found\r\nLocation: https://'"
        );
        assert_eq!(bytes(b"\x00\xff\t\\"), r"b'\x00\xff\t\\'");
        assert_eq!(bytes(b"it's"), r#"b"it's""#);
        assert_eq!(bytes(b"it's \"x\""), r#"b'it\'s "x"'"#);
        assert_eq!(bytes(b""), "b''");
    }

    #[test]
    fn addresses_as_python_prints_them() {
        assert_eq!(
            address("127.0.0.1:45148".parse().unwrap()),
            "('127.0.0.1', 45148)"
        );
        assert_eq!(
            address("[::1]:45148".parse().unwrap()),
            "('::1', 45148, 0, 0)"
        );
        assert_eq!(host_port("localhost", 7000), "('localhost', 7000)");
    }

    #[test]
    fn lists_and_generators() {
        assert_eq!(list(&[0, 1, 2]), "[0, 1, 2]");
        assert_eq!(list::<i32>(&[]), "[]");
        let value = 5u8;
        let text = generator("gen_numbers", &value);
        assert!(
            text.starts_with("<generator object gen_numbers at 0x"),
            "{text}"
        );
        assert!(text.ends_with('>'), "{text}");
    }
}
