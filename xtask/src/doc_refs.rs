//! Docs name tests as proof (`docs/security.md`: "each defence and the test that proves
//! it"); a renamed or deleted test must not leave a defence citing nothing. Checked by a
//! test of this crate, so `cargo xtask test` fails on a dangling name.

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    /// Where tests live: every `.rs` file under these folders.
    const SOURCES: [&str; 6] = ["shared", "functions", "admin", "tests", "xtask", "fuzz"];

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            if name == "target" || name == "node_modules" {
                continue;
            }
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// Backticked names that look like test names: snake_case with at least three words.
    fn cited(doc: &str) -> BTreeSet<String> {
        doc.split('`')
            .skip(1)
            .step_by(2)
            .filter(|s| {
                s.matches('_').count() >= 2
                    && s.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                    && s.starts_with(|c: char| c.is_ascii_lowercase())
            })
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn every_test_the_security_doc_cites_exists() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let doc = std::fs::read_to_string(root.join("docs/security.md")).unwrap();
        let names = cited(&doc);
        assert!(names.len() > 40, "found only {names:?}");
        let mut files = Vec::new();
        for dir in SOURCES {
            rust_files(&root.join(dir), &mut files);
        }
        let mut missing = names.clone();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            missing.retain(|name| !text.contains(&format!("fn {name}(")));
        }
        assert!(
            missing.is_empty(),
            "docs/security.md cites tests that do not exist: {missing:?}"
        );
    }

    #[test]
    fn only_snake_case_names_of_three_words_count() {
        let got = cited("`a_b_c` and `kms:Decrypt` and `two_words` and `Not_a_test` `x_y_z1`");
        assert_eq!(
            got,
            BTreeSet::from(["a_b_c".to_owned(), "x_y_z1".to_owned()])
        );
    }
}
