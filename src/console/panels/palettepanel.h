#pragma once

#include "console/panels/paletteentry.h"

#include <QWidget>

class QListView;

namespace Portolan::Console {

class PaletteModel;

// The palette dock: routers and entities to drag onto the map. A drag carries the
// entry as PaletteEntry::MimeType; the canvas decides where it lands and the session
// starts the node.
class PalettePanel : public QWidget
{
    Q_OBJECT
public:
    explicit PalettePanel(QWidget *parent = nullptr);

    void setEntries(const QList<PaletteEntry> &entries);
    // Interior and edge routers, store, factory, truck, device (worker), traffic generator.
    static QList<PaletteEntry> defaultEntries();

    PaletteModel *model() const { return m_model; }
    QListView *view() const { return m_view; }

protected:
    void changeEvent(QEvent *event) override;

private:
    PaletteModel *m_model;
    QListView *m_view = nullptr;
};

} // namespace Portolan::Console
