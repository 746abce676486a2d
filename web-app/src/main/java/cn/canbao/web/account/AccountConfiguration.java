package cn.canbao.web.account;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import cn.canbao.web.user.AppUserRepository;

@Configuration
class AccountConfiguration implements WebMvcConfigurer {

    private final AppUserRepository users;

    AccountConfiguration(AppUserRepository users) {
        this.users = users;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new PasswordChangeRequiredInterceptor(users))
                .excludePathPatterns("/login", "/logout", "/error", "/webjars/**", "/css/**", "/js/**");
    }
}
