//! Shapes every Stripe object uses: lists and expandable fields.

use serde::{Deserialize, Deserializer};

/// One page of a Stripe list.
#[derive(Debug, Clone, Deserialize)]
pub struct List<T> {
    /// The objects on this page.
    pub data: Vec<T>,
    /// Whether more follow the last one.
    #[serde(default)]
    pub has_more: bool,
}

impl<T> Default for List<T> {
    fn default() -> Self {
        List {
            data: Vec::new(),
            has_more: false,
        }
    }
}

/// Something with a Stripe id (so an expandable field names it either way).
pub trait HasId {
    /// The object's id.
    fn stripe_id(&self) -> &str;
}

/// A field Stripe returns either as an id or, when expanded, as the object.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Expandable<T> {
    /// Expanded object.
    Object(Box<T>),
    /// Bare id.
    Id(String),
}

impl<T> Expandable<T> {
    /// The expanded object, if it was expanded.
    pub fn object(&self) -> Option<&T> {
        match self {
            Expandable::Object(o) => Some(o),
            Expandable::Id(_) => None,
        }
    }
}

impl<T: HasId> Expandable<T> {
    /// The id, expanded or not.
    pub fn id(&self) -> &str {
        match self {
            Expandable::Object(o) => o.stripe_id(),
            Expandable::Id(id) => id,
        }
    }
}

/// `null` decodes as the type's default (Stripe sends `null` for empty sub-objects).
pub(crate) fn null_as_default<'de, D: Deserializer<'de>, T: Deserialize<'de> + Default>(
    d: D,
) -> Result<T, D::Error> {
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// Tells an absent field (`None`) from one sent as `null` (`Some(None)`):
/// `previous_attributes` names only the fields that changed.
pub(crate) fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// Any Stripe object, by its id only (an expandable field whose object the product does
/// not read).
#[derive(Debug, Clone, Deserialize)]
pub struct ObjectRef {
    /// The object's id.
    pub id: String,
}

impl HasId for ObjectRef {
    fn stripe_id(&self) -> &str {
        &self.id
    }
}
