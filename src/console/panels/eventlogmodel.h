#pragma once

#include "console/panels/statustone.h"
#include "scenario/runrecord.h"

#include <QAbstractTableModel>
#include <QStringList>
#include <QTimer>

#include <deque>

namespace Portolan::Console {

// The run's events as a table: time, node, kind and a sentence. Events arriving
// between two flushes are inserted together (one rowsInserted per batch, at most every
// FlushIntervalMs), and the table keeps the newest `capacity` rows, dropping the oldest,
// so a chatty mesh cannot slow the console or fill its memory.
class EventLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, NodeColumn, KindColumn, SummaryColumn, ColumnCount };
    enum Roles {
        AtMsRole = Qt::UserRole + 1,
        NodeRole,
        KindRole,
        RequestIdRole,
        SearchTextRole,   // node, kind and summary together, for filtering
    };
    static constexpr int DefaultCapacity = 50'000;
    static constexpr int FlushIntervalMs = 100;

    explicit EventLogModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Queued; shown at the next flush (within FlushIntervalMs).
    void append(const Scenario::RecordedEvent &event);
    void append(const QList<Scenario::RecordedEvent> &events);
    // Inserts everything queued now.
    void flush();
    void clear();

    int capacity() const { return m_capacity; }
    void setCapacity(int capacity);
    int pendingCount() const { return int(m_pending.size()); }
    // Every kind seen since the last clear, sorted.
    QStringList kinds() const;
    const Scenario::RecordedEvent &eventAt(int row) const { return m_rows.at(std::size_t(row)).event; }
    QString summaryAt(int row) const { return m_rows.at(std::size_t(row)).summary; }
    qint64 droppedCount() const { return m_dropped; }

Q_SIGNALS:
    void kindAdded(const QString &kind);
    // After a flush inserted rows (and maybe dropped old ones).
    void flushed(int inserted);

private:
    struct Row
    {
        Scenario::RecordedEvent event;
        QString summary;
        QString requestId;
        StatusTone tone = StatusTone::Neutral;
    };

    std::deque<Row> m_rows;
    std::deque<Scenario::RecordedEvent> m_pending;
    QSet<QString> m_kinds;
    QTimer m_flushTimer;
    int m_capacity = DefaultCapacity;
    qint64 m_dropped = 0;
};

} // namespace Portolan::Console
