//! `cargo xtask test`'s module-cycle check: within each product crate, no module may use a
//! module that (directly or through others) uses it back. A cycle means two files share
//! knowledge no file states; this check keeps the shape ARCHITECTURE.md describes.
//!
//! A module is a file (`a/b.rs` and `a/b/mod.rs` are `a::b`); it depends on the modules it
//! names as `crate::…` or `super::…` outside its `#[cfg(test)]` part. A child naming its
//! parent counts; a parent declaring its children (`mod b;`) does not.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use anyhow::{Context, Result};

/// The crates checked, by their `src` folder (relative to the workspace root).
pub const CRATES: [&str; 5] = [
    "shared/src",
    "functions/create-session/src",
    "functions/portal/src",
    "functions/webhooks/src",
    "admin/src",
];

/// Module name → source, for every `.rs` file under `src`.
fn modules(src: &Path) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in
            std::fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))?
        {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(src)?.with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(
                parts.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            ) {
                parts.pop();
            }
            let name = if parts.is_empty() {
                "crate".to_owned()
            } else {
                parts.join("::")
            };
            let text = std::fs::read_to_string(&path)?;
            out.insert(name, text);
        }
    }
    Ok(out)
}

/// The module paths named after `prefix` (`crate::`, `super::`) in `text`.
fn named_after<'a>(text: &'a str, prefix: &str) -> Vec<Vec<&'a str>> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices(prefix) {
        let before = text[..i].chars().last();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let rest = &text[i + prefix.len()..];
        let path: Vec<&str> = rest
            .split("::")
            .map(|seg| {
                seg.split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
                    .next()
                    .unwrap_or("")
            })
            .take_while(|seg| !seg.is_empty())
            .collect();
        out.push(path);
    }
    out
}

/// The longest known module a path starts with.
fn resolve(path: &[&str], known: &BTreeMap<String, String>) -> Option<String> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].join("::"))
        .find(|m| known.contains_key(m))
}

/// Each module's dependencies on the crate's other modules.
pub fn graph(src: &Path) -> Result<BTreeMap<String, BTreeSet<String>>> {
    let mods = modules(src)?;
    let mut g = BTreeMap::new();
    for (name, text) in &mods {
        let code = text.split("#[cfg(test)]").next().unwrap_or(text);
        let mut deps = BTreeSet::new();
        for path in named_after(code, "crate::") {
            deps.extend(resolve(&path, &mods));
        }
        let parent: Vec<&str> = name.split("::").collect();
        let parent = &parent[..parent.len().saturating_sub(1)];
        for path in named_after(code, "super::") {
            let full: Vec<&str> = parent.iter().copied().chain(path).collect();
            match resolve(&full, &mods) {
                Some(m) => deps.insert(m),
                // `super::Item` from a top-level child: the crate root.
                None if !parent.is_empty() => deps.insert(parent.join("::")),
                None => false,
            };
        }
        deps.remove(name);
        deps.remove("crate");
        g.insert(name.clone(), deps);
    }
    Ok(g)
}

/// The cycles of `g`: its strongly connected components of more than one module.
pub fn cycles(g: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Tarjan's algorithm, iterative enough for a crate's few dozen modules.
    struct State<'a> {
        g: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        let i = s.index.len();
        s.index.insert(v, i);
        s.low.insert(v, i);
        s.stack.push(v);
        s.on.insert(v);
        for w in s.g.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                let lv = s.low.get_mut(v).expect("visited");
                *lv = (*lv).min(lw);
            } else if s.on.contains(w) {
                let iw = s.index[w];
                let lv = s.low.get_mut(v).expect("visited");
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on.remove(w);
                comp.push(w.to_owned());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                s.out.push(comp);
            }
        }
    }
    let mut s = State {
        g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in g.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.out
}

/// Checks every product crate; prints each cycle found. `Ok(true)`: none.
pub fn check(root: &Path) -> Result<bool> {
    let mut clean = true;
    for krate in CRATES {
        for cycle in cycles(&graph(&root.join(krate))?) {
            eprintln!("error: module cycle in {krate}: {}", cycle.join(" ↔ "));
            clean = false;
        }
    }
    Ok(clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, files: &[(&str, &str)]) {
        for (name, text) in files {
            let path = dir.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
    }

    fn temp(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-modules-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn a_module_that_uses_its_user_back_is_a_cycle() {
        let dir = temp("cycle");
        write(
            &dir,
            &[
                ("lib.rs", "mod a;\nmod b;\nmod c;\n"),
                ("a.rs", "use crate::b::Thing;\n"),
                ("b.rs", "pub fn f() { crate::a::g() }\n"),
                (
                    "c.rs",
                    "use crate::a::X;\n#[cfg(test)]\nmod tests { use crate::c; }\n",
                ),
            ],
        );
        let found = cycles(&graph(&dir).unwrap());
        assert_eq!(found, vec![vec!["a".to_owned(), "b".to_owned()]]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn children_and_tests_do_not_make_cycles_by_themselves() {
        let dir = temp("tree");
        write(
            &dir,
            &[
                ("lib.rs", "mod store;\nmod token;\n"),
                ("store/mod.rs", "pub mod keys;\npub use keys::x;\n"),
                ("store/keys.rs", "use super::Table;\n"),
                (
                    "token.rs",
                    "use crate::store::keys;\n#[cfg(test)]\nmod t { use crate::token; }\n",
                ),
            ],
        );
        let g = graph(&dir).unwrap();
        assert!(g["store::keys"].contains("store"));
        assert!(g["token"].contains("store::keys"));
        assert!(cycles(&g).is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_product_crates_have_no_module_cycles() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        assert!(check(&root).unwrap(), "module cycles: see stderr");
    }
}
