import { IsEmail, IsString, Length, IsOptional } from 'class-validator';
export class CreateUserDto {
  @IsEmail()
  public email: string;

  @IsString()
  @Length(9, 32)
  public password: string;
}
export class UpdateUserDto {
  @IsOptional()
  @IsString()
  public nickname?: string;
}
