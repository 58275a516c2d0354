//! What a module's bytes are made of, read with wasmparser (core spec 1.0, chapter 5 "Binary
//! Format", and the "name" custom section of its appendix 7.4): the size of each section, each
//! function body with its name from the name section, and the data segments. `cargo xtask dist` uses it to split the name section off the optimised wasm
//! (kept for the size table, not shipped); `cargo xtask bench` to print where the bytes go.

use std::collections::HashMap;
use std::ops::Range;

use wasmparser::{BinaryReader, KnownCustom, Name, Parser, Payload, TypeRef};

use crate::util::{Context, Result, fail};

/// The 8-byte header: `\0asm` and version 1.
const HEADER: [u8; 8] = *b"\0asm\x01\0\0\0";

/// One section: its id, its custom name (custom sections only) and where it lies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub id: u8,
    pub name: Option<String>,
    /// The whole section, id and size bytes included.
    pub range: Range<usize>,
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

/// Reads the sections, the function bodies with their names, and the data segments.
pub fn parse(bytes: &[u8]) -> Result<Module> {
    if !bytes.starts_with(&HEADER) {
        return fail("not a WebAssembly 1.0 module (no \\0asm version 1 header)");
    }
    let mut module = Module::default();
    let mut names = HashMap::new();
    let mut imported_functions = 0u32;
    // Where the last section ends, and where the last function body (its size prefix
    // included) ends: sections follow one another, and so do the bodies in the code section.
    let mut section_end = HEADER.len();
    let mut body_end = 0;
    for payload in Parser::new(0).parse_all(bytes) {
        let payload = payload.context(|| "wasm".to_string())?;
        if let Some((id, content)) = payload.as_section() {
            let content = offsets(content)?;
            let name = match &payload {
                Payload::CustomSection(custom) => Some(custom.name().to_string()),
                _ => None,
            };
            module.sections.push(Section {
                id,
                name,
                range: section_end..content.end,
            });
            section_end = content.end;
        }
        match payload {
            Payload::ImportSection(imports) => {
                for import in imports.into_imports() {
                    let ty = import.context(|| "wasm: an import".to_string())?.ty;
                    if matches!(ty, TypeRef::Func(_) | TypeRef::FuncExact(_)) {
                        imported_functions += 1;
                    }
                }
            }
            Payload::CodeSectionStart {
                unchecked_range: range,
                ..
            } => {
                // The bodies start after the section's function count.
                let content = offsets(range.clone())?;
                let mut count = BinaryReader::new(&bytes[content], range.start);
                count
                    .read_var_u32()
                    .context(|| "wasm: the code section's count".to_string())?;
                body_end = offset(count.original_position())?;
            }
            Payload::CodeSectionEntry(body) => {
                let end = offsets(body.range())?.end;
                module.functions.push(Function {
                    index: imported_functions + module.functions.len() as u32,
                    name: None,
                    size: end - body_end,
                });
                body_end = end;
            }
            Payload::DataSection(segments) => {
                for segment in segments {
                    let segment = segment.context(|| "wasm: a data segment".to_string())?;
                    module.data_segments.push(segment.data.len());
                }
            }
            Payload::CustomSection(custom) => {
                if let KnownCustom::Name(subsections) = custom.as_known() {
                    for subsection in subsections {
                        let subsection =
                            subsection.context(|| "wasm: the name section".to_string())?;
                        if let Name::Function(map) = subsection {
                            for naming in map {
                                let naming =
                                    naming.context(|| "wasm: a function name".to_string())?;
                                names.insert(naming.index, naming.name.to_string());
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    for function in &mut module.functions {
        function.name = names.remove(&function.index);
    }
    Ok(module)
}

/// Lists the sections of `bytes`, a whole module.
pub fn sections(bytes: &[u8]) -> Result<Vec<Section>> {
    Ok(parse(bytes)?.sections)
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

/// A wasmparser byte offset as an index into the module's bytes.
fn offset(at: u64) -> Result<usize> {
    usize::try_from(at).or_else(|_| fail("wasm: offset out of range"))
}

fn offsets(range: Range<u64>) -> Result<Range<usize>> {
    Ok(offset(range.start)?..offset(range.end)?)
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
        // The sections tile the module after the header.
        let mut end = HEADER.len();
        for section in &module.sections {
            assert_eq!(section.range.start, end);
            end = section.range.end;
        }
        assert_eq!(end, sample().len());
        // The name section: id and size bytes, then its content.
        assert_eq!(module.sections[5].range.len(), 1 + 1 + (1 + 4 + 12));
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
