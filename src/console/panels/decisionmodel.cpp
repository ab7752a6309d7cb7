#include "console/panels/decisionmodel.h"

#include <QJsonArray>

#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

DecisionModel::DecisionModel(QObject *parent)
    : KeyedTableModel({tr("Consumer"), tr("Group"), tr("Router"), tr("Path"), tr("Path cost"), tr("Outstanding"),
                       tr("At capacity"), tr("Score"), tr("Why")},
                      {tr("An entity subscribed to the address"), tr("Its consumer group: a group shares one copy"),
                       tr("The router it is attached to"), tr("The routers a message would cross"),
                       tr("Total link cost from this router to the consumer's router"),
                       tr("Work it has not finished (advertised, plus work assigned since)"),
                       tr("Balanced distribution skips a consumer at its capacity"),
                       tr("What the distribution minimises; the lowest wins"), tr("The router's reason")},
                      parent)
{
}

void DecisionModel::setResult(const QJsonObject &result)
{
    const QJsonArray candidates = result.value("candidates"_L1).toArray();
    QList<Row> rows;
    rows.reserve(candidates.size());
    m_hasGroups = false;
    for (const QJsonValue &value : candidates) {
        const QJsonObject c = value.toObject();
        const QString consumer = c.value("consumer"_L1).toString();
        const QString group = c.value("group"_L1).toString();
        const QString router = c.value("router"_L1).toString();
        const bool reachable = c.value("reachable"_L1).toBool(true);
        const bool chosen = c.value("chosen"_L1).toBool();
        const bool atCapacity = c.value("atCapacity"_L1).toBool();
        m_hasGroups = m_hasGroups || !group.isEmpty();

        Row row;
        row.key = consumer + u'\t' + group + u'\t' + router + u'\t' + c.value("subscription"_L1).toString();
        row.emphasis = chosen ? Emphasis::Strong : reachable ? Emphasis::Normal : Emphasis::Muted;

        Cell consumerCell = text(consumer, chosen ? tr("Chosen: %1").arg(c.value("note"_L1).toString())
                                                  : tr("Subscribed as %1").arg(c.value("subscription"_L1).toString()));
        consumerCell.tone = chosen ? StatusTone::Good : reachable ? StatusTone::None : StatusTone::Bad;
        QStringList path;
        for (const QJsonValue &hop : c.value("path"_L1).toArray())
            path.append(hop.toString());
        Cell pathCost = reachable ? number(c.value("pathCost"_L1).toDouble()) : text(tr("unreachable"));
        pathCost.numeric = true;
        if (!reachable)
            pathCost.sort = std::numeric_limits<double>::max();
        Cell capacity = text(atCapacity ? tr("at capacity") : QString());
        capacity.tone = atCapacity ? StatusTone::Warning : StatusTone::None;
        row.cells = {consumerCell,
                     text(group),
                     text(router),
                     text(path.join(u" → "_s)),
                     pathCost,
                     number(c.value("outstanding"_L1).toDouble()),
                     capacity,
                     number(c.value("score"_L1).toDouble()),
                     text(c.value("note"_L1).toString())};
        rows.append(std::move(row));
    }
    resetRows(std::move(rows));
}

QList<int> DecisionModel::chosenRows() const
{
    QList<int> rows;
    for (int i = 0; i < rowCount(); ++i) {
        if (rowAt(i).emphasis == Emphasis::Strong)
            rows.append(i);
    }
    return rows;
}

} // namespace Portolan::Console
