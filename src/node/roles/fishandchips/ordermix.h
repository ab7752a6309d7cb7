#pragma once

#include "node/roles/fishandchips/portions.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace Portolan::Node::FishAndChips {

// The seed's switches for what customers order: the share of web orders, the share of
// orders with plaice instead of cod, and how often a portion count is above one. Every
// order is one fish (cod or plaice) and chips; a count above one is 2..maxPortions.
//
// Draws are deterministic: order n of till t under seed s is always the same order, so a
// run can be repeated and a restarted till makes again exactly the order it had numbered.
class OrderMix
{
public:
    struct Draw
    {
        QString channel;   // "web" or "counter"
        Portions items;
    };

    // Reads webShare (0.3), plaiceShare (0.25), multiShare (0.2), maxPortions (3) and seed
    // (1). nullopt with *problem when a share is outside 0..1 or maxPortions is below 1.
    static std::optional<OrderMix> fromParams(const QJsonObject &params, QString *problem);

    Draw draw(int till, qint64 n) const;

    double webShare() const { return m_webShare; }
    double plaiceShare() const { return m_plaiceShare; }
    double multiShare() const { return m_multiShare; }
    int maxPortions() const { return m_maxPortions; }

private:
    double m_webShare = 0.3;
    double m_plaiceShare = 0.25;
    double m_multiShare = 0.2;
    int m_maxPortions = 3;
    quint32 m_seed = 1;
};

} // namespace Portolan::Node::FishAndChips
