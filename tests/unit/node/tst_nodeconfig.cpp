#include "node/runtime/nodecommandline.h"
#include "node/runtime/nodeconfig.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryFile>
#include <QtTest>

using namespace Qt::Literals::StringLiterals;
using Portolan::Node::NodeConfig;

// The node's configuration as the supervisor writes it (JSON) and as people type it
// (flags): what is read, what is refused and with which message.
class tst_NodeConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Everything written by toJson() reads back the same.
    void jsonRoundTrip()
    {
        NodeConfig c;
        c.id = u"r1"_s;
        c.role = u"edge"_s;
        c.token = "secret";
        c.linkPort = 7001;
        c.httpIngress = true;
        c.dial.append({u"r2"_s, u"127.0.0.1"_s, 7002, 5, u"premium"_s});
        c.accept.append({u"e9"_s, 3, u"cheapnet"_s});
        c.distributions.append({u"/all-stores"_s, Portolan::Routing::Mode::Multicast, true});
        c.distributions.append({u"/positions"_s, Portolan::Routing::Mode::Multicast, false});
        c.params = {{u"number"_s, 3}};
        NodeConfig back;
        QString error;
        QVERIFY2(NodeConfig::fromJson(c.toJson(), &back, &error), qPrintable(error));
        QCOMPARE(back.toJson(), c.toJson());
        QCOMPARE(back.kind(), Portolan::Wire::NodeKind::Edge);
        QVERIFY(back.isRouter());
    }

    // Each malformed field is refused with a message naming it.
    void jsonErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("no id") << QByteArray(R"({"role":"interior"})") << u"id: required"_s;
        QTest::newRow("port type") << QByteArray(R"({"id":"a","linkPort":"x"})") << u"linkPort: expected an integer"_s;
        QTest::newRow("port range") << QByteArray(R"({"id":"a","controlPort":70000})") << u"controlPort: expected an integer"_s;
        QTest::newRow("bad listen") << QByteArray(R"({"id":"a","listen":"nowhere"})") << u"listen: 'nowhere'"_s;
        QTest::newRow("dial without port") << QByteArray(R"({"id":"a","dial":[{"peer":"b"}]})") << u"dial[0].port: required"_s;
        QTest::newRow("dial not object") << QByteArray(R"({"id":"a","dial":[3]})") << u"dial[0]: expected an object"_s;
        QTest::newRow("bad mode") << QByteArray(R"({"id":"a","distributions":[{"prefix":"/x","mode":"sometimes"}]})")
                                  << u"distributions[0].mode: 'sometimes'"_s;
        QTest::newRow("relative prefix") << QByteArray(R"({"id":"a","distributions":[{"prefix":"x"}]})")
                                         << u"distributions[0].prefix: must start with '/'"_s;
        QTest::newRow("params not object") << QByteArray(R"({"id":"a","params":[1]})") << u"params: expected an object"_s;
    }
    void jsonErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        NodeConfig c;
        QString error;
        QVERIFY(!NodeConfig::fromJson(QJsonDocument::fromJson(json).object(), &c, &error));
        QVERIFY2(error.startsWith(message), qPrintable(error));
    }

    // --dial's compact form, and its refusals.
    void peerEndpoint_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("peer");
        QTest::addColumn<int>("port");
        QTest::addColumn<int>("cost");
        QTest::addColumn<QString>("provider");
        QTest::newRow("full") << u"r2@127.0.0.1:7002,5,premium"_s << true << u"r2"_s << 7002 << 5 << u"premium"_s;
        QTest::newRow("no peer") << u"127.0.0.1:7002"_s << true << QString() << 7002 << 1 << QString();
        QTest::newRow("no port") << u"r2@127.0.0.1"_s << false << QString() << 0 << 0 << QString();
        QTest::newRow("port zero") << u"r2@127.0.0.1:0"_s << false << QString() << 0 << 0 << QString();
        QTest::newRow("negative cost") << u"r2@127.0.0.1:7002,-1"_s << false << QString() << 0 << 0 << QString();
    }
    void peerEndpoint()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        Portolan::Node::PeerEndpoint p;
        QString error;
        QCOMPARE(Portolan::Node::parsePeerEndpoint(text, &p, &error), ok);
        if (!ok) {
            QVERIFY(!error.isEmpty());
            return;
        }
        QTEST(p.peer, "peer");
        QTEST(int(p.port), "port");
        QTEST(int(p.cost), "cost");
        QTEST(p.provider, "provider");
    }

    // Flags override the config file; params read as JSON where they parse.
    void commandLineOverridesFile()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write(R"({"id":"store-1","role":"store","linkPort":1,"params":{"number":1}})");
        file.close();
        NodeConfig c;
        QString error;
        QString help;
        const QStringList args{u"portolan-node"_s, u"--config"_s, file.fileName(), u"--role"_s, u"worker"_s,
                               u"--dial"_s, u"r1@127.0.0.1:7001"_s, u"--param"_s, u"inventory={\"cutlass\":2}"_s,
                               u"--param"_s, u"name=plain text"_s, u"--distribution"_s, u"/positions=unacked"_s};
        QVERIFY2(Portolan::Node::parseNodeCommandLine(args, &c, &error, &help), qPrintable(error));
        QCOMPARE(c.id, u"store-1"_s);
        QCOMPARE(c.role, u"worker"_s);
        QCOMPARE(c.dial.size(), 1);
        QCOMPARE(c.params.value("number"_L1).toInt(), 1);
        QCOMPARE(c.params.value("inventory"_L1).toObject().value("cutlass"_L1).toInt(), 2);
        QCOMPARE(c.params.value("name"_L1).toString(), u"plain text"_s);
        QCOMPARE(c.distributions.size(), 1);
        QVERIFY(!c.distributions.constFirst().acked);
    }

    // Unusable command lines are refused with a message, not a half-configured node.
    void commandLineErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no id") << QStringList{u"--role"_s, u"interior"_s};
        QTest::newRow("bad port") << QStringList{u"--id"_s, u"a"_s, u"--link-port"_s, u"99999"_s};
        QTest::newRow("bad distribution") << QStringList{u"--id"_s, u"a"_s, u"--distribution"_s, u"/x=often"_s};
        QTest::newRow("missing file") << QStringList{u"--config"_s, u"/nonexistent/portolan.json"_s};
        QTest::newRow("unknown flag") << QStringList{u"--id"_s, u"a"_s, u"--frobnicate"_s};
    }
    void commandLineErrors()
    {
        QFETCH(QStringList, args);
        args.prepend(u"portolan-node"_s);
        NodeConfig c;
        QString error;
        QString help;
        QVERIFY(!Portolan::Node::parseNodeCommandLine(args, &c, &error, &help));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_NodeConfig)
#include "tst_nodeconfig.moc"
