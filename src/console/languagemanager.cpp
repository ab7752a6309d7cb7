#include "console/languagemanager.h"

#include <QCoreApplication>
#include <QEvent>
#include <QLibraryInfo>
#include <QSettings>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

namespace {
const QString settingsKey = u"language"_s;
// Where qt_add_translations embeds the compiled .qm files.
const QString resourceFolder = u":/i18n"_s;
} // namespace

QList<LanguageManager::Language> LanguageManager::languages()
{
    return {{QString(), tr("System Language")},
            {u"en"_s, u"English"_s},
            {u"de"_s, u"Deutsch"_s},
            {u"fr"_s, u"Français"_s}};
}

LanguageManager::LanguageManager(QObject *parent)
    : QObject(parent)
{
}

LanguageManager::~LanguageManager()
{
    if (m_appInstalled)
        QCoreApplication::removeTranslator(&m_app);
    if (m_qtInstalled)
        QCoreApplication::removeTranslator(&m_qt);
}

void LanguageManager::restore()
{
    const QString saved = QSettings().value(settingsKey).toString();
    const QList<Language> known = languages();
    const bool valid = std::any_of(known.begin(), known.end(), [&](const Language &l) { return l.code == saved; });
    apply(valid ? saved : QString());
}

bool LanguageManager::setLanguage(const QString &code)
{
    const QList<Language> known = languages();
    if (!std::any_of(known.begin(), known.end(), [&](const Language &l) { return l.code == code; }))
        return false;
    QSettings().setValue(settingsKey, code);
    apply(code);
    return true;
}

void LanguageManager::apply(const QString &code)
{
    m_code = code;
    m_locale = code.isEmpty() ? QLocale::system() : QLocale(code);
    QLocale::setDefault(m_locale);

    bool changed = false;
    if (m_appInstalled) {
        QCoreApplication::removeTranslator(&m_app);
        m_appInstalled = false;
        changed = true;
    }
    if (m_qtInstalled) {
        QCoreApplication::removeTranslator(&m_qt);
        m_qtInstalled = false;
        changed = true;
    }
    // English is the source text: no catalogue to load. For any other locale the
    // translator tries each of the locale's UI languages ("de-AT", then "de").
    if (m_locale.language() != QLocale::English) {
        if (m_app.load(m_locale, u"portolan"_s, u"_"_s, resourceFolder)) {
            m_appInstalled = QCoreApplication::installTranslator(&m_app);
            changed = changed || m_appInstalled;
        }
        if (m_qt.load(m_locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            m_qtInstalled = QCoreApplication::installTranslator(&m_qt);
            changed = changed || m_qtInstalled;
        }
    }
    // Installing or removing a translator already tells every widget; a switch between
    // two untranslated choices (system English to English) has to say it itself, for
    // the locale's sake.
    if (!changed) {
        QEvent event(QEvent::LanguageChange);
        QCoreApplication::sendEvent(QCoreApplication::instance(), &event);
    }
    Q_EMIT languageChanged(m_code);
}

} // namespace Portolan::Console
