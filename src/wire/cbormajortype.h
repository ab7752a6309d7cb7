#pragma once

#include <QtGlobal>

namespace Portolan::Wire {

// The major types of a CBOR item's head (RFC 8949 §3.1), shared by the frame writer
// (CborAppender), the full decoder and the in-place view: the three must agree on them.
enum CborMajorType : quint8 {
    MajorUnsigned = 0,
    MajorNegative = 1,
    MajorBytes = 2,
    MajorText = 3,
    MajorArray = 4,
    MajorMap = 5,
    MajorTag = 6,
    MajorSimple = 7,
};

} // namespace Portolan::Wire
