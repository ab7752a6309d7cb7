#pragma once

#include <QLocale>
#include <QObject>
#include <QTranslator>

namespace Portolan::Console {

// The console's language: Portolan's own translations and Qt's, installed for the
// system locale or for the language the user picked, switched at run time (widgets
// retranslate on QEvent::LanguageChange) and remembered in QSettings.
class LanguageManager : public QObject
{
    Q_OBJECT
public:
    struct Language
    {
        QString code;   // "" follows the system
        QString name;   // in its own language, as language menus show them
    };
    // The languages offered: the system's, then English, German and French.
    static QList<Language> languages();

    explicit LanguageManager(QObject *parent = nullptr);
    ~LanguageManager() override;

    // Applies the language saved in QSettings, or the system's.
    void restore();
    // Switches to code ("" for the system's, "en", "de", "fr"), saves the choice, and
    // sets QLocale's default so numbers and dates follow. False for an unknown code.
    bool setLanguage(const QString &code);
    QString language() const { return m_code; }
    // The locale in effect: the chosen language's, or the system's.
    QLocale locale() const { return m_locale; }
    // True when Portolan's own translation for the current language is installed.
    bool hasTranslation() const { return m_appInstalled; }

Q_SIGNALS:
    void languageChanged(const QString &code);

private:
    void apply(const QString &code);

    QString m_code;
    QLocale m_locale;
    QTranslator m_app;
    QTranslator m_qt;
    bool m_appInstalled = false;
    bool m_qtInstalled = false;
};

} // namespace Portolan::Console
