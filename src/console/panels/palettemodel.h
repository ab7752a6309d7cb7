#pragma once

#include "console/panels/paletteentry.h"

#include <QAbstractListModel>

namespace Portolan::Console {

// The palette's items as a list model. Dragging an item out of a view on it carries
// the entry as PaletteEntry::MimeType (plus its label as text).
class PaletteModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Roles { DescriptionRole = Qt::UserRole + 1, KindRole, RoleNameRole, EntryJsonRole };

    explicit PaletteModel(QObject *parent = nullptr);

    void setEntries(const QList<PaletteEntry> &entries);
    QList<PaletteEntry> entries() const { return m_entries; }
    const PaletteEntry &entryAt(int row) const { return m_entries.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override;

private:
    QList<PaletteEntry> m_entries;
};

} // namespace Portolan::Console
