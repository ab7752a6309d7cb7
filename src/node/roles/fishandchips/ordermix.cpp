#include "node/roles/fishandchips/ordermix.h"

#include <QJsonValue>
#include <QRandomGenerator>

#include <cmath>
#include <random>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node::FishAndChips {

namespace {

std::optional<double> numberParam(const QJsonObject &params, const QString &name, double fallback)
{
    const QJsonValue value = params.value(name);
    if (value.isUndefined() || value.isNull())
        return fallback;
    if (value.isDouble())
        return value.toDouble();
    bool ok = false;
    const double number = value.toString().trimmed().toDouble(&ok);
    return ok ? std::optional<double>(number) : std::nullopt;
}

} // namespace

std::optional<OrderMix> OrderMix::fromParams(const QJsonObject &params, QString *problem)
{
    OrderMix mix;
    const struct
    {
        QString name;
        double *target;
    } shares[] = {{u"webShare"_s, &mix.m_webShare},
                  {u"plaiceShare"_s, &mix.m_plaiceShare},
                  {u"multiShare"_s, &mix.m_multiShare}};
    for (const auto &share : shares) {
        const std::optional<double> value = numberParam(params, share.name, *share.target);
        if (!value || !(*value >= 0 && *value <= 1)) {
            *problem = u"param \"%1\" must be a share from 0 to 1"_s.arg(share.name);
            return std::nullopt;
        }
        *share.target = *value;
    }
    const std::optional<double> maxPortions = numberParam(params, u"maxPortions"_s, mix.m_maxPortions);
    if (!maxPortions || *maxPortions < 1 || *maxPortions > 100 || *maxPortions != std::floor(*maxPortions)) {
        *problem = u"param \"maxPortions\" must be a whole number from 1 to 100"_s;
        return std::nullopt;
    }
    mix.m_maxPortions = int(*maxPortions);
    const std::optional<double> seed = numberParam(params, u"seed"_s, mix.m_seed);
    if (!seed || *seed < 0 || *seed > 4294967295.0 || *seed != std::floor(*seed)) {
        *problem = u"param \"seed\" must be a whole number from 0 to 4294967295"_s;
        return std::nullopt;
    }
    mix.m_seed = quint32(*seed);
    return mix;
}

OrderMix::Draw OrderMix::draw(int till, qint64 n) const
{
    // One generator per order, seeded by (seed, till, n): no state carried between orders.
    std::seed_seq sequence{m_seed, quint32(till), quint32(n & 0xffffffff), quint32(quint64(n) >> 32)};
    QRandomGenerator random(sequence);
    const auto portions = [&] {
        if (m_maxPortions < 2 || random.generateDouble() >= m_multiShare)
            return qint64(1);
        return qint64(random.bounded(2, m_maxPortions + 1));
    };
    Draw draw;
    draw.channel = random.generateDouble() < m_webShare ? u"web"_s : u"counter"_s;
    const QString fish = random.generateDouble() < m_plaiceShare ? u"plaice"_s : u"cod"_s;
    draw.items.add(fish, portions());
    draw.items.add(u"chips"_s, portions());
    return draw;
}

} // namespace Portolan::Node::FishAndChips
