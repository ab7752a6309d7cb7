#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>

namespace Portolan::Node::Pugs {

// Reading and writing the JSON bodies and params of the Pirate Pugs roles. Params come
// from hand-written scenario files and HTTP requests, so numbers are accepted as JSON
// numbers or as decimal strings ("32").

QByteArray compactJson(const QJsonObject &object);

// An integer from a JSON number or a numeric string; fallback for anything else.
qint64 integerOf(const QJsonValue &value, qint64 fallback = 0);

// A number from a JSON number or a numeric string; fallback for anything else.
double numberOf(const QJsonValue &value, double fallback);

// The integers of a JSON array (entries that are not integers are skipped).
QList<int> integerListOf(const QJsonValue &value);

QJsonArray toJsonArray(const QList<int> &values);

} // namespace Portolan::Node::Pugs
