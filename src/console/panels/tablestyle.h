#pragma once

class QTableView;

namespace Portolan::Console {

// The look every table in the panels shares: compact fixed-height rows, alternating
// colours, no grid, whole-row selection, header tooltips, last column stretched.
class TableStyle
{
public:
    enum class LastColumn { Stretch, Fixed };
    static void apply(QTableView *view, LastColumn last = LastColumn::Stretch);
    // Sizes columns to their contents plus breathing room (for tables filled at once).
    static void fitColumns(QTableView *view);
};

} // namespace Portolan::Console
