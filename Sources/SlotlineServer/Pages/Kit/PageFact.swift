/// One labelled fact of a detail page (`<dt>label</dt><dd>value</dd>`): a booking's, a video
/// meeting's, a conference card's.
struct PageFact {
    let label: String
    let value: String
}
