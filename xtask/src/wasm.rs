//! Just enough of the WebAssembly binary format (core spec 1.0, chapter 5 "Binary Format", and
//! the "name" custom section of its appendix 7.4) to see what a module's bytes are made of:
//! the size of each section, each function body with its name from the name section, and the
//! data segments. `cargo xtask dist` uses it to split the name section off the optimised wasm
//! (kept for the size table, not shipped); `cargo xtask bench` to print where the bytes go.

use crate::util::{Result, fail};

/// The 8-byte header: `\0asm` and version 1.
const HEADER: [u8; 8] = *b"\0asm\x01\0\0\0";

/// Section ids (spec 5.5.2).
const CUSTOM: u8 = 0;
const IMPORT: u8 = 2;
const CODE: u8 = 10;
const DATA: u8 = 11;

/// One section: its id, its custom name (custom sections only) and where its content lies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub id: u8,
    pub name: Option<String>,
    /// The whole section, id and size bytes included.
    pub range: std::ops::Range<usize>,
    /// The content after the id and size bytes.
    pub content: std::ops::Range<usize>,
}

impl Section {
    /// A short label: the custom name, or the spec's name for a standard section.
    pub fn label(&self) -> String {
        if let Some(name) = &self.name {
            return format!("custom \"{name}\"");
        }
        let names = [
            "custom",
            "type",
            "import",
            "function",
            "table",
            "memory",
            "global",
            "export",
            "start",
            "element",
            "code",
            "data",
            "datacount",
            "tag",
        ];
        names
            .get(usize::from(self.id))
            .map_or_else(|| format!("section {}", self.id), |n| n.to_string())
    }
}

/// A function body in the code section, with the name the name section gives it (if any).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Function {
    pub index: u32,
    pub name: Option<String>,
    /// Bytes of the body, its size prefix included (what deleting the function would save).
    pub size: usize,
}

/// What a module's bytes are made of.
#[derive(Debug, Default)]
pub struct Module {
    pub sections: Vec<Section>,
    pub functions: Vec<Function>,
    /// Byte length of each data segment's contents.
    pub data_segments: Vec<usize>,
}

/// A cursor over the module's bytes.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8], pos: usize) -> Self {
        Reader { bytes, pos }
    }

    fn byte(&mut self) -> Result<u8> {
        let Some(&b) = self.bytes.get(self.pos) else {
            return fail(format!("wasm: unexpected end at byte {}", self.pos));
        };
        self.pos += 1;
        Ok(b)
    }

    /// An unsigned or signed LEB128 number; only its length matters for signed ones here.
    fn leb(&mut self) -> Result<u64> {
        let mut value = 0u64;
        for shift in (0..70).step_by(7) {
            let b = self.byte()?;
            if shift < 64 {
                value |= u64::from(b & 0x7f) << shift;
            }
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        fail(format!("wasm: LEB128 number too long at byte {}", self.pos))
    }

    fn usize(&mut self) -> Result<usize> {
        usize::try_from(self.leb()?).or_else(|_| fail("wasm: length out of range"))
    }

    fn take(&mut self, len: usize) -> Result<&'a [u8]> {
        let end = self.pos.saturating_add(len);
        let Some(slice) = self.bytes.get(self.pos..end) else {
            return fail(format!(
                "wasm: {len} bytes at {} run past the end",
                self.pos
            ));
        };
        self.pos = end;
        Ok(slice)
    }

    fn name(&mut self) -> Result<String> {
        let len = self.usize()?;
        Ok(String::from_utf8_lossy(self.take(len)?).into_owned())
    }

    /// Limits of a table or memory (spec 5.3.7): a flag byte, the minimum, maybe a maximum.
    fn limits(&mut self) -> Result {
        let flags = self.byte()?;
        self.leb()?;
        if flags & 1 != 0 {
            self.leb()?;
        }
        Ok(())
    }

    /// A constant expression (an offset): instructions up to `end` (0x0b).
    fn const_expr(&mut self) -> Result {
        loop {
            match self.byte()? {
                0x0b => return Ok(()),
                // i32.const, i64.const, global.get: one LEB immediate.
                0x41 | 0x42 | 0x23 => {
                    self.leb()?;
                }
                // i32/i64 add, sub, mul (extended constant expressions): no immediate.
                0x6a..=0x6c | 0x7c..=0x7e => {}
                op => return fail(format!("wasm: opcode {op:#04x} in a constant expression")),
            }
        }
    }
}

/// Lists the sections of `bytes`, a whole module.
pub fn sections(bytes: &[u8]) -> Result<Vec<Section>> {
    if !bytes.starts_with(&HEADER) {
        return fail("not a WebAssembly 1.0 module (no \\0asm version 1 header)");
    }
    let mut r = Reader::new(bytes, HEADER.len());
    let mut out = Vec::new();
    while r.pos < bytes.len() {
        let start = r.pos;
        let id = r.byte()?;
        let len = r.usize()?;
        let content_start = r.pos;
        r.take(len)?;
        let name = (id == CUSTOM)
            .then(|| Reader::new(&bytes[content_start..r.pos], 0).name())
            .transpose()?;
        out.push(Section {
            id,
            name,
            range: start..r.pos,
            content: content_start..r.pos,
        });
    }
    Ok(out)
}

/// The module without its custom sections called `name` (the rest byte for byte).
pub fn without_custom_section(bytes: &[u8], name: &str) -> Result<Vec<u8>> {
    let mut out = HEADER.to_vec();
    for section in sections(bytes)? {
        if section.name.as_deref() != Some(name) {
            out.extend_from_slice(&bytes[section.range]);
        }
    }
    Ok(out)
}

/// Reads the sections, the function bodies with their names, and the data segments.
pub fn parse(bytes: &[u8]) -> Result<Module> {
    let sections = sections(bytes)?;
    let mut imported_functions = 0u32;
    let mut bodies = Vec::new();
    let mut names = std::collections::HashMap::new();
    let mut data_segments = Vec::new();
    for section in &sections {
        let mut r = Reader::new(&bytes[..section.content.end], section.content.start);
        match (section.id, section.name.as_deref()) {
            (IMPORT, _) => imported_functions = count_imported_functions(&mut r)?,
            (CODE, _) => {
                for _ in 0..r.leb()? {
                    let start = r.pos;
                    let len = r.usize()?;
                    r.take(len)?;
                    bodies.push(r.pos - start);
                }
            }
            (DATA, _) => {
                for _ in 0..r.leb()? {
                    match r.leb()? {
                        0 => r.const_expr()?,
                        1 => {}
                        2 => {
                            r.leb()?;
                            r.const_expr()?;
                        }
                        kind => return fail(format!("wasm: data segment kind {kind}")),
                    }
                    let len = r.usize()?;
                    r.take(len)?;
                    data_segments.push(len);
                }
            }
            (CUSTOM, Some("name")) => {
                r.name()?;
                read_function_names(&mut r, &mut names)?;
            }
            _ => {}
        }
    }
    let functions = bodies
        .into_iter()
        .enumerate()
        .map(|(i, size)| {
            let index = imported_functions + i as u32;
            Function {
                index,
                name: names.remove(&index),
                size,
            }
        })
        .collect();
    Ok(Module {
        sections,
        functions,
        data_segments,
    })
}

/// Counts the function imports (they take the first function indices).
fn count_imported_functions(r: &mut Reader) -> Result<u32> {
    let mut functions = 0;
    for _ in 0..r.leb()? {
        r.name()?;
        r.name()?;
        match r.byte()? {
            0 => {
                r.leb()?;
                functions += 1;
            }
            1 => {
                r.byte()?;
                r.limits()?;
            }
            2 => r.limits()?,
            3 => {
                r.byte()?;
                r.byte()?;
            }
            4 => {
                r.byte()?;
                r.leb()?;
            }
            kind => return fail(format!("wasm: import kind {kind}")),
        }
    }
    Ok(functions)
}

/// The function-names subsection (id 1) of a name section; other subsections are skipped.
fn read_function_names(
    r: &mut Reader,
    names: &mut std::collections::HashMap<u32, String>,
) -> Result {
    while r.pos < r.bytes.len() {
        let id = r.byte()?;
        let len = r.usize()?;
        let end = r.pos + len;
        if id == 1 {
            for _ in 0..r.leb()? {
                let index = u32::try_from(r.leb()?).or_else(|_| fail("wasm: function index"))?;
                names.insert(index, r.name()?);
            }
        }
        r.pos = end;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module with one imported function, two bodies (3 and 5 bytes with their size bytes),
    /// one active data segment of 4 bytes and a name section naming function 1 and 2.
    fn sample() -> Vec<u8> {
        let mut m = HEADER.to_vec();
        // type section: one type () -> ()
        m.extend([1, 4, 1, 0x60, 0, 0]);
        // import section: "m" "f" func type 0
        m.extend([2, 7, 1, 1, b'm', 1, b'f', 0, 0]);
        // function section: two functions of type 0
        m.extend([3, 3, 2, 0, 0]);
        // code section: bodies [2, 0, 0x0b] and [4, 0, 0x01, 0x01, 0x0b]
        m.extend([10, 9, 2, 2, 0, 0x0b, 4, 0, 0x01, 0x01, 0x0b]);
        // data section: active segment at i32.const 8, 4 bytes
        m.extend([11, 10, 1, 0, 0x41, 8, 0x0b, 4, b'a', b'b', b'c', b'd']);
        // name section: functions 1 "a::f" and 2 "b"
        let names = [1u8, 10, 2, 1, 4, b'a', b':', b':', b'f', 2, 1, b'b'];
        m.extend([0, 1 + 4 + names.len() as u8, 4, b'n', b'a', b'm', b'e']);
        m.extend(names);
        m
    }

    #[test]
    fn reads_bodies_names_and_data() -> Result {
        let module = parse(&sample())?;
        let labels: Vec<String> = module.sections.iter().map(Section::label).collect();
        assert_eq!(
            labels,
            [
                "type",
                "import",
                "function",
                "code",
                "data",
                "custom \"name\""
            ]
        );
        assert_eq!(
            module.functions,
            [
                Function {
                    index: 1,
                    name: Some("a::f".into()),
                    size: 3
                },
                Function {
                    index: 2,
                    name: Some("b".into()),
                    size: 5
                },
            ]
        );
        assert_eq!(module.data_segments, [4]);
        Ok(())
    }

    #[test]
    fn strips_only_the_named_custom_section() -> Result {
        let bytes = sample();
        let stripped = without_custom_section(&bytes, "name")?;
        let module = parse(&stripped)?;
        assert_eq!(module.sections.len(), 5);
        assert!(module.functions.iter().all(|f| f.name.is_none()));
        assert_eq!(without_custom_section(&bytes, "other")?, bytes);
        assert!(parse(b"\0asm\x01\0\0\0\x0a\x05").is_err());
        assert!(parse(b"not wasm").is_err());
        Ok(())
    }
}
